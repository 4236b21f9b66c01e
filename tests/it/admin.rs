//! The admin web UI: its HTTP endpoints over reqwest (login, token guard, insecure mode, prefix,
//! listener split), then the UI itself driven in headless Chromium (tests/sdk/js/admin_ui.mjs).

use super::common::{base_config, TestServer, API_KEY, SECRET, WAIT};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Stdio;

const PASSWORD: &str = "admin-password";
const ADMIN_SECRET: &str = "admin-secret";

fn config(admin: Value) -> Value {
    let mut c = base_config();
    c["admin"] = admin;
    c
}

fn secured() -> Value {
    config(json!({"enabled": true, "password": PASSWORD, "secret": ADMIN_SECRET}))
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(WAIT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

async fn login(base: &str, password: &str) -> reqwest::Response {
    http()
        .post(format!("{base}/admin/auth"))
        .form(&[("password", password)])
        .send()
        .await
        .expect("auth request")
}

async fn init(base: &str, token: Option<&str>) -> Value {
    let mut req = http().get(format!("{base}/admin/init"));
    if let Some(t) = token {
        req = req.header("authorization", format!("token {t}"));
    }
    let resp = req.send().await.expect("init request");
    assert_eq!(resp.status(), 200);
    resp.json().await.expect("init json")
}

async fn admin_api(base: &str, token: Option<&str>, body: &str) -> reqwest::Response {
    let mut req = http()
        .post(format!("{base}/admin/api"))
        .body(body.to_string());
    if let Some(t) = token {
        req = req.header("authorization", format!("token {t}"));
    }
    req.send().await.expect("api request")
}

#[tokio::test]
async fn login_gives_a_token_that_opens_the_api() {
    let s = TestServer::start(secured()).await;
    let base = format!("http://{}", s.addr);

    let wrong = login(&base, "not-the-password").await;
    assert_eq!(wrong.status(), 400);
    assert_eq!(login(&base, "").await.status(), 400);

    let resp = login(&base, PASSWORD).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/json");
    let token = resp.json::<Value>().await.expect("json")["token"]
        .as_str()
        .expect("token string")
        .to_string();
    // The JSON body the UI could send works as well as the form.
    let resp = http()
        .post(format!("{base}/admin/auth"))
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .expect("auth");
    assert_eq!(resp.status(), 200);
    let resp = http()
        .get(format!("{base}/admin/auth"))
        .send()
        .await
        .expect("auth");
    assert_eq!(resp.status(), 405);

    assert_eq!(
        init(&base, None).await,
        json!({"insecure": false, "edition": "oss", "authenticated": false})
    );
    assert_eq!(init(&base, Some("garbage")).await["authenticated"], false);
    assert_eq!(init(&base, Some(&token)).await["authenticated"], true);

    let info = r#"{"method":"info","params":{}}"#;
    assert_eq!(admin_api(&base, None, info).await.status(), 401);
    assert_eq!(admin_api(&base, Some("garbage"), info).await.status(), 401);
    // Neither the API key nor a token signed with another secret opens it.
    let resp = http()
        .post(format!("{base}/admin/api"))
        .header("x-api-key", API_KEY)
        .body(info)
        .send()
        .await
        .expect("api");
    assert_eq!(resp.status(), 401);
    let resp = admin_api(&base, Some(&token), info).await;
    assert_eq!(resp.status(), 200);
    let v: Value = resp.json().await.expect("json");
    assert_eq!(v["result"]["nodes"].as_array().map(Vec::len), Some(1));

    // Several lines in, one reply line per command out, in order; errors stay per line.
    let body =
        "{\"method\":\"publish\",\"params\":{\"channel\":\"chat:admin\",\"data\":{\"x\":1}}}\n\
                {\"method\":\"publish\",\"params\":{\"channel\":\"nope:x\",\"data\":{}}}\n\
                {\"method\":\"history\",\"params\":{\"channel\":\"chat:admin\",\"limit\":5}}";
    let text = admin_api(&base, Some(&token), body)
        .await
        .text()
        .await
        .expect("text");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("reply line"))
        .collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0]["result"].is_object(), "{text}");
    assert_eq!(lines[1]["error"]["code"], 102, "{text}");
    assert_eq!(
        lines[2]["result"]["publications"][0]["data"],
        json!({"x": 1})
    );
    assert_eq!(
        admin_api(&base, Some(&token), "not json").await.status(),
        400
    );
    s.stop().await;

    // A token survives a restart with the same secret and dies with a new one.
    let s = TestServer::start(secured()).await;
    let base = format!("http://{}", s.addr);
    assert_eq!(admin_api(&base, Some(&token), info).await.status(), 200);
    s.stop().await;
    let s = TestServer::start(config(
        json!({"enabled": true, "password": PASSWORD, "secret": "rotated"}),
    ))
    .await;
    let base = format!("http://{}", s.addr);
    assert_eq!(admin_api(&base, Some(&token), info).await.status(), 401);
    s.stop().await;
}

#[tokio::test]
async fn login_is_refused_without_a_password_or_secret() {
    for admin in [
        json!({"enabled": true, "secret": ADMIN_SECRET}),
        json!({"enabled": true, "password": PASSWORD}),
        json!({"enabled": true}),
    ] {
        let s = TestServer::start(config(admin.clone())).await;
        let base = format!("http://{}", s.addr);
        assert_eq!(login(&base, PASSWORD).await.status(), 400, "{admin}");
        assert_eq!(login(&base, "").await.status(), 400, "{admin}");
        let info = r#"{"method":"info","params":{}}"#;
        assert_eq!(admin_api(&base, None, info).await.status(), 401, "{admin}");
        s.stop().await;
    }
}

#[tokio::test]
async fn insecure_mode_needs_no_login() {
    let s = TestServer::start(config(json!({"enabled": true, "insecure": true}))).await;
    let base = format!("http://{}", s.addr);
    let v = init(&base, None).await;
    assert_eq!(v["insecure"], true);
    assert_eq!(v["edition"], "oss");
    let resp = admin_api(&base, None, r#"{"method":"info","params":{}}"#).await;
    assert_eq!(resp.status(), 200);
    let v: Value = resp.json().await.expect("json");
    assert!(v["result"]["nodes"].is_array(), "{v}");
    s.stop().await;
}

#[tokio::test]
async fn handler_prefix_moves_every_endpoint_and_the_ui() {
    let mut c = secured();
    c["admin"]["handler_prefix"] = json!("/ui/");
    let s = TestServer::start(c).await;
    let base = format!("http://{}", s.addr);
    let prefixed = format!("{base}/ui");
    assert_eq!(init(&prefixed, None).await["edition"], "oss");
    assert_eq!(login(&prefixed, PASSWORD).await.status(), 200);
    let unprefixed = http()
        .get(format!("{base}/admin/init"))
        .send()
        .await
        .expect("init");
    assert_eq!(unprefixed.status(), 404);
    assert_eq!(login(&base, PASSWORD).await.status(), 404);

    let resp = http().get(&prefixed).send().await.expect("ui");
    assert_eq!(resp.status(), 301);
    assert_eq!(resp.headers()["location"], "/ui/");
    let resp = http().get(format!("{prefixed}/")).send().await.expect("ui");
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/html; charset=utf-8");
    assert!(resp.text().await.expect("html").contains("app.js"));
    for (file, ct) in [
        ("app.js", "text/javascript; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
    ] {
        let resp = http()
            .get(format!("{prefixed}/{file}"))
            .send()
            .await
            .expect("file");
        assert_eq!(resp.status(), 200, "{file}");
        assert_eq!(resp.headers()["content-type"], ct, "{file}");
    }
    let missing = http()
        .get(format!("{prefixed}/nothing.js"))
        .send()
        .await
        .expect("file");
    assert_eq!(missing.status(), 404);
    // The other routes on the listener are untouched.
    let health = http()
        .get(format!("{base}/health"))
        .send()
        .await
        .expect("health");
    assert_eq!(health.status(), 200);
    s.stop().await;
}

#[tokio::test]
async fn ui_at_the_root_leaves_the_other_routes_alone() {
    let s = TestServer::start(secured()).await;
    let base = format!("http://{}", s.addr);
    let resp = http().get(format!("{base}/")).send().await.expect("ui");
    assert_eq!(resp.status(), 200);
    assert!(resp.text().await.expect("html").contains("<title>"));
    let health = http()
        .get(format!("{base}/health"))
        .send()
        .await
        .expect("health");
    assert_eq!(health.status(), 200);
    let api = super::common::api(&s.api_url(), "info", json!({})).await;
    assert!(api["result"]["nodes"].is_array(), "{api}");
    let resp = http()
        .get(format!("{base}/no/such/page"))
        .send()
        .await
        .expect("404");
    assert_eq!(resp.status(), 404);
    s.stop().await;
}

#[tokio::test]
async fn disabled_admin_serves_nothing() {
    let s = TestServer::start(config(
        json!({"password": PASSWORD, "secret": ADMIN_SECRET, "insecure": true}),
    ))
    .await;
    let base = format!("http://{}", s.addr);
    let resp = http()
        .get(format!("{base}/admin/init"))
        .send()
        .await
        .expect("init");
    assert_eq!(resp.status(), 404);
    assert_eq!(login(&base, PASSWORD).await.status(), 404);
    s.stop().await;
}

/// Starts the server with an internal listener of its own; returns (external, internal) bases.
async fn start_split(
    cfg: Value,
) -> (
    String,
    String,
    centrifugo::Trigger,
    tokio::task::JoinHandle<()>,
) {
    let bind = || async {
        tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind")
    };
    let (external, internal) = (bind().await, bind().await);
    let bases = (
        format!("http://{}", external.local_addr().expect("addr")),
        format!("http://{}", internal.local_addr().expect("addr")),
    );
    let node = centrifugo::Node::new(super::common::config_from(cfg)).expect("node");
    let (trigger, shutdown) = centrifugo::shutdown_channel();
    let listeners = centrifugo::Listeners {
        external,
        internal: Some(internal),
        uni_grpc: None,
        grpc_api: None,
    };
    let task = tokio::spawn(centrifugo::run(node, listeners, shutdown));
    (bases.0, bases.1, trigger, task)
}

#[tokio::test]
async fn admin_is_internal_unless_external_is_set() {
    let (external, internal, trigger, task) = start_split(secured()).await;
    assert_eq!(login(&internal, PASSWORD).await.status(), 200);
    assert_eq!(login(&external, PASSWORD).await.status(), 404);
    trigger.fire();
    let _ = tokio::time::timeout(WAIT, task).await;

    let mut c = secured();
    c["admin"]["external"] = json!(true);
    let (external, internal, trigger, task) = start_split(c).await;
    assert_eq!(login(&external, PASSWORD).await.status(), 200);
    assert_eq!(login(&internal, PASSWORD).await.status(), 404);
    trigger.fire();
    let _ = tokio::time::timeout(WAIT, task).await;
}

fn sdk_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk")
}

/// The browser the UI test drives (Debian's `chromium`; tests/run.sh installs it).
const CHROMIUM: &str = "/usr/bin/chromium";

/// The UI in headless Chromium: a wrong password, the login, the node on the status page, a
/// publication from the publish form reaching a centrifuge-js subscriber, the channel's presence
/// and history. Leaves a screenshot in target/test-artifacts/admin-ui.png.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_in_a_real_browser() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: apt-get install chromium (tests/run.sh installs it)"
    );
    let node_name = format!("admin-ui-node-{}", std::process::id());
    let mut c = secured();
    c["admin"]["handler_prefix"] = json!("/ui");
    c["node"] = json!({"name": node_name});
    let s = TestServer::start(c).await;
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).expect("create target/test-artifacts");
    let screenshot = artifacts.join("admin-ui.png");
    let _ = std::fs::remove_file(&screenshot);
    let out = tokio::process::Command::new("node")
        .arg("js/admin_ui.mjs")
        .current_dir(sdk_dir())
        .env("CF_WS_URL", s.ws_url())
        .env("CF_API_URL", s.api_url())
        .env("CF_API_KEY", API_KEY)
        .env("CF_HMAC_SECRET", SECRET)
        .env("CF_ADMIN_URL", format!("http://{}/ui/", s.addr))
        .env("CF_ADMIN_PASSWORD", PASSWORD)
        .env("CF_NODE_NAME", &node_name)
        .env("CF_CHROMIUM", CHROMIUM)
        .env("CF_SCREENSHOT", &screenshot)
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run node: {e}"));
    super::common::assert_script_passed("js/admin_ui.mjs", &out);
    assert!(
        screenshot.exists(),
        "no screenshot at {}",
        screenshot.display()
    );
    s.stop().await;
}
