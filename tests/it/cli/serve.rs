//! The server process: embedded defaults, source priority, graceful shutdown on SIGTERM.

use super::*;

#[test]
fn serve_without_config_file_runs_on_defaults() {
    let dir = TempDir::new("servedefaults");
    let mut cmd = centrifugo(&dir);
    cmd.args(["serve", "-a", "127.0.0.1", "-p", "0"]);
    let mut server = Server::start(cmd);
    server.wait_for("config file not found");
    server.wait_for("no connection token key set");
    server.wait_for("http_api.key is empty");
    let addr = server.websocket_address();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    assert_ne!(addr, "127.0.0.1:0");
    std::net::TcpStream::connect(&addr).expect("server accepts connections");

    // Bare `centrifugo` serves too.
    let mut cmd = centrifugo(&dir);
    cmd.args(["-a", "127.0.0.1", "-p", "0"]);
    let mut bare = Server::start(cmd);
    let addr = bare.websocket_address();
    std::net::TcpStream::connect(&addr).expect("bare centrifugo serves");
}

#[test]
fn env_beats_file_and_flags_beat_env() {
    let dir = TempDir::new("priority");
    let [file_port, env_port, flag_port] = free_ports::<3>();
    let cfg = dir.write(
        "config.json",
        &json!({"http_server": {"address": "127.0.0.1", "port": file_port}}).to_string(),
    );
    let cfg = cfg.to_string_lossy().into_owned();

    let mut cmd = centrifugo(&dir);
    cmd.args(["-c", &cfg]);
    let mut s = Server::start(cmd);
    assert_eq!(s.websocket_address(), format!("127.0.0.1:{file_port}"));
    drop(s);

    let mut cmd = centrifugo(&dir);
    cmd.args(["-c", &cfg])
        .env("CENTRIFUGO_HTTP_SERVER_PORT", env_port.to_string());
    let mut s = Server::start(cmd);
    assert_eq!(s.websocket_address(), format!("127.0.0.1:{env_port}"));
    drop(s);

    let mut cmd = centrifugo(&dir);
    cmd.args([
        "serve",
        "-c",
        &cfg,
        "--http_server.port",
        &flag_port.to_string(),
    ])
    .env("CENTRIFUGO_HTTP_SERVER_PORT", env_port.to_string());
    let mut s = Server::start(cmd);
    assert_eq!(s.websocket_address(), format!("127.0.0.1:{flag_port}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_closes_clients_with_3001_and_exits_0() {
    let dir = TempDir::new("sigterm");
    let mut cmd = centrifugo(&dir);
    let pid_file = dir.path("centrifugo.pid");
    cmd.args(["serve", "-a", "127.0.0.1", "-p", "0", "--client.insecure"])
        .arg("--pid_file")
        .arg(&pid_file);
    let mut server = Server::start(cmd);
    let addr = server.websocket_address();
    let written = std::fs::read_to_string(&pid_file).expect("pid_file written");
    assert_eq!(written.trim(), server.child.id().to_string());

    let mut client = Client::open(&format!("ws://{addr}/connection/websocket")).await;
    let reply = client.call(json!({"id": 1, "connect": {}})).await;
    assert!(reply.get("connect").is_some(), "connect failed: {reply}");

    let pid = server.child.id().to_string();
    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(kill.success());

    let code = loop {
        match client.next().await {
            Event::Close(code, _) => break code,
            Event::Msg(_) => continue,
        }
    };
    assert_eq!(code, 3001, "close code");
    let exit = tokio::task::spawn_blocking(move || {
        let code = server.wait_exit();
        (code, server)
    })
    .await
    .expect("join");
    assert_eq!(exit.0, Some(0), "exit code");
    assert!(!pid_file.exists(), "pid_file removed on exit");
}

#[test]
fn serve_refuses_tls_and_engines_it_cannot_honour() {
    let dir = TempDir::new("refuse");
    for (name, cfg, why) in [
        (
            "tls.json",
            json!({"http_server": {"tls": {"enabled": true}}}),
            "http_server.tls: cert_pem and key_pem are required",
        ),
        (
            "tls-garbage.json",
            json!({"http_server": {"tls": {"enabled": true, "cert_pem": "nope", "key_pem": "nope"}}}),
            "tls.cert_pem",
        ),
        (
            "http3.json",
            json!({"http_server": {"http3": {"enabled": true}}}),
            "not supported by this build",
        ),
        (
            "postgres.json",
            json!({"broker": {"enabled": true, "type": "postgres"}}),
            "not supported by this build",
        ),
    ] {
        let path = dir.write(name, &cfg.to_string());
        let path = path.to_string_lossy().into_owned();
        let o = run(&dir, &["serve", "-c", &path, "-p", "0"]);
        assert_exit_1(&o);
        let err = stderr(&o);
        assert!(err.contains(why), "{name}: {err}");
    }
}
