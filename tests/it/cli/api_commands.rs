//! The API commands (publish, broadcast, presence, presence-stats, history, channels, info,
//! disconnect, unsubscribe) run as a real process against a live in-process server, with a real
//! WebSocket client on the other side.

use super::*;
use crate::it::common::{base_config, TestServer, API_KEY};

/// Runs the binary with `args` off the runtime's threads.
async fn cli(dir: &TempDir, args: &[&str]) -> Output {
    let mut cmd = centrifugo(dir);
    cmd.args(args).stdin(Stdio::null());
    tokio::task::spawn_blocking(move || cmd.output().expect("run centrifugo"))
        .await
        .expect("join")
}

/// `args` plus the server's API address and key.
fn at<'a>(s: &'a str, args: &[&'a str]) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(["--api-url", s, "--api-key", API_KEY]);
    v
}

fn json_out(o: &Output) -> Value {
    assert_ok(o);
    serde_json::from_str(stdout(o).trim())
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_commands_act_on_a_running_server() {
    let s = TestServer::start(base_config()).await;
    let api = s.api_url();
    let dir = TempDir::new("api-commands");
    let (mut c, res) = Client::connect(&s.ws_url(), "alice").await;
    let me = res["client"].as_str().unwrap_or("").to_string();
    c.call(json!({"id": 2, "subscribe": {"channel": "chat:room"}}))
        .await;

    // publish: the subscriber gets it; the table line names the offset.
    let o = cli(
        &dir,
        &at(
            &api,
            &["publish", "chat:room", r#"{"text":"one"}"#, "--tag", "k=v"],
        ),
    )
    .await;
    assert_ok(&o);
    assert!(
        stdout(&o).contains("published to chat:room at offset 1"),
        "{}",
        stdout(&o)
    );
    let p = c.publication().await;
    assert_eq!(p["pub"]["data"], json!({"text": "one"}));
    assert_eq!(p["pub"]["tags"], json!({"k": "v"}));
    for n in 2..=5 {
        let data = format!(r#"{{"n":{n}}}"#);
        let r = json_out(&cli(&dir, &at(&api, &["publish", "chat:room", &data, "--json"])).await);
        assert_eq!(r["offset"], n, "{r}");
        assert_eq!(c.publication().await["pub"]["data"], json!({"n": n}));
    }

    // history: pages with --limit and the printed --since hint, JSON for scripts, --reverse.
    let o = cli(&dir, &at(&api, &["history", "chat:room", "--limit", "2"])).await;
    assert_ok(&o);
    let out = stdout(&o);
    assert!(
        out.contains("{\"text\":\"one\"}") && out.contains("{\"k\":\"v\"}"),
        "{out}"
    );
    let epoch = json_out(
        &cli(
            &dir,
            &at(&api, &["history", "chat:room", "--limit", "0", "--json"]),
        )
        .await,
    )["epoch"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        out.contains(&format!("next page: --since 2:{epoch}")),
        "{out}"
    );
    let since = format!("2:{epoch}");
    let page = json_out(
        &cli(
            &dir,
            &at(
                &api,
                &[
                    "history",
                    "chat:room",
                    "--limit",
                    "2",
                    "--since",
                    &since,
                    "--json",
                ],
            ),
        )
        .await,
    );
    let offsets: Vec<u64> = page["publications"]
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["offset"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(offsets, vec![3, 4], "{page}");
    let newest = json_out(
        &cli(
            &dir,
            &at(
                &api,
                &[
                    "history",
                    "chat:room",
                    "--limit",
                    "1",
                    "--reverse",
                    "--json",
                ],
            ),
        )
        .await,
    );
    assert_eq!(newest["publications"][0]["offset"], 5, "{newest}");

    // presence and presence-stats: the table shows the client and user.
    let o = cli(&dir, &at(&api, &["presence", "chat:room"])).await;
    assert_ok(&o);
    assert!(
        stdout(&o).contains(&me) && stdout(&o).contains("alice"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("1 clients in chat:room"),
        "{}",
        stdout(&o)
    );
    let st = json_out(&cli(&dir, &at(&api, &["presence-stats", "chat:room", "--json"])).await);
    assert_eq!(
        (st["num_clients"].clone(), st["num_users"].clone()),
        (json!(1), json!(1))
    );

    // channels and info.
    let o = cli(&dir, &at(&api, &["channels"])).await;
    assert_ok(&o);
    assert!(stdout(&o).contains("chat:room"), "{}", stdout(&o));
    let o = cli(&dir, &at(&api, &["info"])).await;
    assert_ok(&o);
    assert!(stdout(&o).contains(&s.node.name), "{}", stdout(&o));

    // broadcast into two channels.
    let o = cli(
        &dir,
        &at(
            &api,
            &[
                "broadcast",
                "chat:room",
                "chat:other",
                "--data",
                r#"{"b":1}"#,
            ],
        ),
    )
    .await;
    assert_ok(&o);
    assert!(stdout(&o).contains("chat:other"), "{}", stdout(&o));
    assert_eq!(c.publication().await["pub"]["data"], json!({"b": 1}));

    // unsubscribe, then disconnect with a code.
    assert_ok(&cli(&dir, &at(&api, &["unsubscribe", "alice", "chat:room"])).await);
    let push = c.push().await;
    assert_eq!(push["unsubscribe"]["code"], 2000, "{push}");
    assert_ok(
        &cli(
            &dir,
            &at(
                &api,
                &["disconnect", "alice", "--code", "4001", "--reason", "bye"],
            ),
        )
        .await,
    );
    assert_eq!(c.closed().await, (4001, "bye".into()));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_commands_exit_codes_tell_usage_api_and_unreachable_apart() {
    let s = TestServer::start(base_config()).await;
    let api = s.api_url();
    let dir = TempDir::new("api-exit");
    // Usage: clap's own errors and data that is not JSON are 2.
    let o = cli(&dir, &at(&api, &["publish", "chat:x", "not json"])).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("DATA is not valid JSON"),
        "{}",
        stderr(&o)
    );
    let o = cli(&dir, &["history", "chat:x", "--since", "nope"]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // API errors are 3: an unknown namespace, a wrong key.
    let o = cli(&dir, &at(&api, &["publish", "nope:x", "{}"])).await;
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("API error 102: unknown channel"),
        "{}",
        stderr(&o)
    );
    let o = cli(
        &dir,
        &[
            "presence",
            "chat:x",
            "--api-url",
            &api,
            "--api-key",
            "wrong",
        ],
    )
    .await;
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("unauthorized"), "{}", stderr(&o));
    // Unreachable is 4, one line naming the address.
    let [port] = free_ports::<1>();
    let nowhere = format!("http://127.0.0.1:{port}/api");
    let o = cli(&dir, &["info", "--api-url", &nowhere, "--api-key", "k"]).await;
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(&nowhere), "{err}");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_commands_take_address_and_key_from_the_config() {
    let s = TestServer::start(base_config()).await;
    let dir = TempDir::new("api-config");
    dir.write(
        "config.json",
        &json!({"http_server": {"port": s.addr.port()}, "http_api": {"key": API_KEY}}).to_string(),
    );
    let r = json_out(&cli(&dir, &["info", "--json"]).await);
    assert_eq!(r["nodes"][0]["name"], s.node.name.as_str(), "{r}");
    s.stop().await;
}

/// `--grpc`: every API command through the GRPC server API, with the same `--json` results as
/// over HTTP, the key from `--api-key`, and the exit codes of the HTTP transport.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_commands_over_the_grpc_api() {
    const GRPC_KEY: &str = "cli-grpc-key";
    let mut cfg = base_config();
    cfg["grpc_api"] = json!({"enabled": true, "key": GRPC_KEY});
    let (s, addr) = TestServer::start_with_grpc_api(cfg).await;
    let grpc = format!("127.0.0.1:{}", addr.port());
    let api = s.api_url();
    let dir = TempDir::new("api-commands-grpc");
    let over_grpc = |args: &[&'static str]| {
        let mut v: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        v.extend(["--grpc".into(), "--api-url".into(), grpc.clone()]);
        v.extend(["--api-key".into(), GRPC_KEY.into()]);
        v
    };
    let run = |args: Vec<String>| {
        let dir = &dir;
        async move {
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            cli(dir, &refs).await
        }
    };
    let (mut c, res) = Client::connect(&s.ws_url(), "bob").await;
    let me = res["client"].as_str().unwrap_or("").to_string();
    c.call(json!({"id": 2, "subscribe": {"channel": "chat:g"}}))
        .await;

    let o = run(over_grpc(&[
        "publish",
        "chat:g",
        r#"{"g":1}"#,
        "--tag",
        "t=1",
    ]))
    .await;
    assert_ok(&o);
    assert!(
        stdout(&o).contains("published to chat:g at offset 1"),
        "{}",
        stdout(&o)
    );
    let p = c.publication().await;
    assert_eq!(
        (p["pub"]["data"].clone(), p["pub"]["tags"].clone()),
        (json!({"g": 1}), json!({"t": "1"}))
    );
    let o = run(over_grpc(&[
        "broadcast",
        "chat:g",
        "chat:h",
        "--data",
        r#"{"g":2}"#,
    ]))
    .await;
    assert_ok(&o);
    assert!(stdout(&o).contains("chat:h"), "{}", stdout(&o));
    assert_eq!(c.publication().await["pub"]["data"], json!({"g": 2}));

    // The read commands answer over GRPC exactly what they answer over HTTP.
    for args in [
        &["history", "chat:g", "--limit", "10", "--json"][..],
        &["presence-stats", "chat:g", "--json"],
        &["channels", "--json"],
    ] {
        let g = json_out(&run(over_grpc(args)).await);
        let h = json_out(&cli(&dir, &at(&api, args)).await);
        assert_eq!(g, h, "{args:?}");
    }
    let pr = json_out(&run(over_grpc(&["presence", "chat:g", "--json"])).await);
    assert_eq!(pr["presence"][&me]["user"], "bob", "{pr}");
    let info = json_out(&run(over_grpc(&["info", "--json"])).await);
    assert_eq!(info["nodes"][0]["name"], s.node.name.as_str(), "{info}");
    assert_eq!(info["nodes"][0]["num_clients"], 1, "{info}");
    let o = run(over_grpc(&["history", "chat:g"])).await;
    assert_ok(&o);
    assert!(stdout(&o).contains("2 publications"), "{}", stdout(&o));

    // Errors: a wrong key is an API error (3), an unknown namespace too, a closed port is 4.
    let mut wrong = over_grpc(&["info"]);
    let k = wrong.len() - 1;
    wrong[k] = "nope".into();
    let o = run(wrong).await;
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("unauthenticated"), "{}", stderr(&o));
    let o = run(over_grpc(&["publish", "nope:x", "{}"])).await;
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("API error 102"), "{}", stderr(&o));

    assert_ok(&run(over_grpc(&["unsubscribe", "bob", "chat:g"])).await);
    assert_eq!(c.push().await["unsubscribe"]["code"], 2000);
    assert_ok(
        &run(over_grpc(&[
            "disconnect",
            "bob",
            "--code",
            "4002",
            "--reason",
            "g",
        ]))
        .await,
    );
    assert_eq!(c.closed().await, (4002, "g".into()));
    s.stop().await;

    let o = run(over_grpc(&["info", "--timeout", "2"])).await;
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains(&grpc), "{}", stderr(&o));
}
