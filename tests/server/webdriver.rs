//! Just enough of the WebDriver protocol (W3C, as Debian's chromedriver
//! speaks it) to drive headless Chromium from a test: open a page, find,
//! click and type, run a script, take a screenshot, read the console.

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

use crate::harness::request;

/// A chromedriver process; killed when dropped.
pub(crate) struct Driver {
    child: Child,
    addr: SocketAddr,
}

impl Driver {
    pub(crate) fn start(chromedriver: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let driver = Driver {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(driver.addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// A new headless browser window of `width`×`height` CSS pixels.
    pub(crate) fn browser(&self, chromium: &Path, width: u32, height: u32) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--force-device-scale-factor=1",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "mobileEmulation": {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1.0}},
            },
            "goog:loggingPrefs": {"browser": "ALL"},
        }}});
        let answer = call(self.addr, "POST", "/session", Some(&capabilities));
        let session = answer["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("{answer}"))
            .to_owned();
        Browser {
            driver: self.addr,
            session,
            _profile: profile,
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session.
pub(crate) struct Browser {
    driver: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

/// The W3C key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn call(addr: SocketAddr, method: &str, path: &str, body: Option<&Value>) -> Value {
    let bytes = body.map(Value::to_string).unwrap_or_default();
    let answer = request(
        addr,
        method,
        path,
        &[("Content-Type", "application/json")],
        bytes.as_bytes(),
    );
    let value: Value = serde_json::from_slice(&answer.body).unwrap_or(Value::Null);
    assert_eq!(answer.status, 200, "{method} {path}: {value}");
    value["value"].clone()
}

impl Browser {
    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    pub(crate) fn goto(&self, url: &str) {
        call(
            self.driver,
            "POST",
            &self.path("/url"),
            Some(&json!({"url": url})),
        );
    }

    /// The element `css` selects, waiting up to ten seconds for it.
    pub(crate) fn find(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            let body = json!({"using": "css selector", "value": css}).to_string();
            let answer = request(
                self.driver,
                "POST",
                &self.path("/element"),
                &[],
                body.as_bytes(),
            );
            if answer.status == 200 {
                let value: Value = serde_json::from_slice(&answer.body).unwrap();
                return value["value"][ELEMENT].as_str().unwrap().to_owned();
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no element {css}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub(crate) fn click(&self, css: &str) {
        let element = self.find(css);
        call(
            self.driver,
            "POST",
            &self.path(&format!("/element/{element}/click")),
            Some(&json!({})),
        );
    }

    pub(crate) fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        call(
            self.driver,
            "POST",
            &self.path(&format!("/element/{element}/clear")),
            Some(&json!({})),
        );
        call(
            self.driver,
            "POST",
            &self.path(&format!("/element/{element}/value")),
            Some(&json!({"text": text})),
        );
    }

    /// Runs `script` (a function body) in the page; its return value.
    pub(crate) fn run(&self, script: &str) -> Value {
        call(
            self.driver,
            "POST",
            &self.path("/execute/sync"),
            Some(&json!({"script": script, "args": []})),
        )
    }

    /// Waits up to `seconds` for `script` to return true.
    pub(crate) fn wait_for(&self, script: &str, seconds: u64) -> bool {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(seconds) {
            if self.run(script) == Value::Bool(true) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    /// A PNG of the window, written to `path`.
    pub(crate) fn screenshot(&self, path: &Path) {
        let png = call(self.driver, "GET", &self.path("/screenshot"), None);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// The console's messages since the last call (ChromeDriver's log).
    pub(crate) fn console(&self) -> Vec<Value> {
        let log = call(
            self.driver,
            "POST",
            &self.path("/se/log"),
            Some(&json!({"type": "browser"})),
        );
        log.as_array().cloned().unwrap_or_default()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = request(self.driver, "DELETE", &self.path(""), &[], b"");
    }
}
