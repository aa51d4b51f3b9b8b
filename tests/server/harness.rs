//! A `forumplan serve` process on loopback, a copy of the 2022 fixture for
//! it to write to, and a small HTTP/1.1 client (one request per
//! connection), so the tests speak to the real binary over real sockets.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{command, root};

/// The fixture copied into a temporary folder (the server writes its
/// journal and database beside the plan).
pub(crate) struct Site {
    pub(crate) dir: tempfile::TempDir,
}

impl Site {
    pub(crate) fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        for name in ["plan.json", "plan.journal.jsonl"] {
            std::fs::copy(
                root().join("fixtures/vesf-2022").join(name),
                dir.path().join(name),
            )
            .unwrap();
        }
        Site { dir }
    }

    pub(crate) fn plan(&self) -> PathBuf {
        self.dir.path().join("plan.json")
    }

    pub(crate) fn journal(&self) -> PathBuf {
        self.dir.path().join("plan.journal.jsonl")
    }

    /// `forumplan ARGS` with the plan's path for `PLAN`.
    pub(crate) fn forumplan(&self, args: &[&str]) -> std::process::Output {
        let plan = self.plan();
        let args: Vec<&str> = args
            .iter()
            .map(|a| {
                if *a == "PLAN" {
                    plan.to_str().unwrap()
                } else {
                    a
                }
            })
            .collect();
        command(&args).output().unwrap()
    }

    /// Creates a grant; returns its secret.
    pub(crate) fn grant(&self, args: &[&str]) -> String {
        let mut all = vec!["--lang", "en", "access", "add", "PLAN"];
        all.extend_from_slice(args);
        let output = self.forumplan(&all);
        assert!(output.status.success(), "{output:?}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        stdout
            .lines()
            .find_map(|l| l.strip_prefix("Secret (shown only once): "))
            .unwrap()
            .to_owned()
    }

    pub(crate) fn start(&self) -> Server {
        Server::start(&self.plan(), &[])
    }
}

/// A running server; killed when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) addr: SocketAddr,
}

impl Server {
    // A server that never says where it listens fails the test; the
    // process ends with the test binary.
    #[allow(clippy::zombie_processes)]
    pub(crate) fn start(plan: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_forumplan"))
            .args(["--lang", "en", "serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            // Failed digest sends are retried after 100 ms, 200 ms, … here.
            .env("FORUMPLAN_DIGEST_RETRY_MS", "100")
            .arg(plan)
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        loop {
            line.clear();
            assert!(
                stderr.read_line(&mut line).unwrap() > 0,
                "the server did not start"
            );
            if let Some(rest) = line.split("listening on http://").nth(1) {
                let addr = rest.split_whitespace().next().unwrap().parse().unwrap();
                // Keep draining stderr so the server never blocks on it.
                std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
                return Server { child, addr };
            }
        }
    }

    pub(crate) fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        request(self.addr, "GET", path, headers, b"")
    }

    pub(crate) fn post(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        request(self.addr, "POST", path, headers, body)
    }

    /// Sends SIGTERM or SIGKILL.
    pub(crate) fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// The error code of a JSON error.
    pub(crate) fn code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap().to_owned()
    }
}

/// One request on its own connection (`Connection: close`).
pub(crate) fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // A server may answer (413) before reading all of a large body.
    let _ = stream.write_all(body);
    parse_response(&read_response(&mut stream))
}

/// Reads one response: to its `Content-Length`, to the end of its chunks,
/// or to the end of the connection (servers may keep it open).
fn read_response(stream: &mut TcpStream) -> Vec<u8> {
    let mut raw = Vec::new();
    let mut buffer = [0_u8; 16 * 1024];
    loop {
        let n = stream.read(&mut buffer).unwrap();
        if n == 0 {
            return raw;
        }
        raw.extend_from_slice(&buffer[..n]);
        let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
        let body = raw.len() - end - 4;
        if let Some(length) = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok())
        {
            if body >= length {
                return raw;
            }
        } else if head.contains("transfer-encoding: chunked") && raw.ends_with(b"0\r\n\r\n") {
            return raw;
        }
    }
}

fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end: {}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

/// `Authorization: Bearer SECRET`.
pub(crate) fn bearer(secret: &str) -> String {
    format!("Bearer {secret}")
}
