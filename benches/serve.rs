//! `forumplan serve` under load, on the 2022 fixture (not a timed test: it
//! prints figures for BENCHMARKS.md). Run with
//! `cargo bench -p forumplan-cli --bench serve`: the release binary is
//! started on loopback and measured from the outside.
//!
//! - the dashboard page and the status JSON, 200 requests one after the
//!   other (loopback latency, which is the server's time plus a connect);
//! - POST p50/p99/max with 40 clients × 25 updates at once;
//! - fan-out: 200 open event streams, time from a POST's answer (and from a
//!   `forumplan update` in another process) until the last stream has the line;
//! - resident memory when idle, and after the load.

#![allow(clippy::print_stdout)]

#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;
#[path = "../tests/server/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use harness::{Site, bearer, request};

const FORUM: &str = "/api/forums/vesf-2022";

fn main() {
    let site = Site::new();
    let secret = site.grant(&["--name", "Bench", "--all"]);
    let server = site.start();
    let auth = bearer(&secret);
    std::thread::sleep(Duration::from_secs(1));
    println!("idle resident memory: {} KiB", rss_kib(server.child.id()));

    for (what, path) in [
        (
            "dashboard page, today (post-event)",
            "/forums/vesf-2022".to_owned(),
        ),
        (
            "dashboard page, 2022-08-20 (T-29)",
            "/forums/vesf-2022?as_of=2022-08-20".to_owned(),
        ),
        (
            "status JSON, 2022-08-20",
            format!("{FORUM}/status?as_of=2022-08-20"),
        ),
    ] {
        let times = repeat(200, || {
            let answer = request(server.addr, "GET", &path, &[("Authorization", &auth)], b"");
            assert_eq!(answer.status, 200);
        });
        println!("{what}: {}", summary(times));
    }

    // 40 clients × 25 updates at once.
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let start = Arc::new(Barrier::new(40));
    let clients: Vec<_> = (0..40)
        .map(|c| {
            let (auth, latencies, start) = (auth.clone(), Arc::clone(&latencies), Arc::clone(&start));
            let addr = server.addr;
            std::thread::spawn(move || {
                start.wait();
                for u in 0..25 {
                    let body = format!(r#"{{"task":"venue-survey","state":"in_progress","progress":{u},"note":"client {c}"}}"#);
                    let began = Instant::now();
                    let answer = request(addr, "POST", &format!("{FORUM}/updates"), &[("Authorization", &auth)], body.as_bytes());
                    latencies.lock().unwrap().push(began.elapsed());
                    assert_eq!(answer.status, 201);
                }
            })
        })
        .collect();
    let began = Instant::now();
    for client in clients {
        client.join().unwrap();
    }
    let total = began.elapsed();
    let times = latencies.lock().unwrap().clone();
    println!(
        "POST, 40 clients × 25: {} ({:.0} updates/s)",
        summary(times),
        1000.0 / total.as_secs_f64()
    );

    // 200 dashboards' event streams.
    let streams = 200;
    let ready = Arc::new(Barrier::new(streams + 1));
    let arrived = Arc::new(Mutex::new(Vec::new()));
    let readers: Vec<_> = (0..streams)
        .map(|_| {
            let (ready, arrived, secret) = (Arc::clone(&ready), Arc::clone(&arrived), secret.clone());
            let addr = server.addr;
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).unwrap();
                stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                write!(stream, "GET {FORUM}/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {secret}\r\n\r\n").unwrap();
                let mut reader = BufReader::new(stream);
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                assert!(line.starts_with("HTTP/1.1 200"), "{line}");
                ready.wait();
                for _ in 0..2 {
                    loop {
                        line.clear();
                        reader.read_line(&mut line).unwrap();
                        if line.starts_with("data:") {
                            break;
                        }
                    }
                    arrived.lock().unwrap().push(Instant::now());
                }
            })
        })
        .collect();
    ready.wait();
    // Let every stream subscribe.
    std::thread::sleep(Duration::from_millis(500));
    let posted = Instant::now();
    let answer = request(
        server.addr,
        "POST",
        &format!("{FORUM}/updates"),
        &[("Authorization", &auth)],
        br#"{"task":"venue-survey","state":"blocked"}"#,
    );
    assert_eq!(answer.status, 201);
    wait_for(&arrived, streams);
    let last = *arrived.lock().unwrap().iter().max().unwrap();
    println!(
        "fan-out of a POST to {streams} streams: last one {:.1} ms after the POST began",
        (last - posted).as_secs_f64() * 1000.0
    );
    std::thread::sleep(Duration::from_millis(200));
    let written = Instant::now();
    let out = site.forumplan(&[
        "update",
        "PLAN",
        "venue-survey",
        "--state",
        "in_progress",
        "--progress",
        "10",
    ]);
    assert!(out.status.success());
    wait_for(&arrived, 2 * streams);
    let last = *arrived.lock().unwrap().iter().max().unwrap();
    println!(
        "fan-out of a `forumplan update` to {streams} streams: last one {:.1} ms after the command started",
        (last - written).as_secs_f64() * 1000.0
    );
    for reader in readers {
        reader.join().unwrap();
    }
    println!(
        "resident memory after the load: {} KiB",
        rss_kib(server.child.id())
    );
}

fn repeat(n: usize, mut run: impl FnMut()) -> Vec<Duration> {
    for _ in 0..20 {
        run();
    }
    (0..n)
        .map(|_| {
            let began = Instant::now();
            run();
            began.elapsed()
        })
        .collect()
}

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
    format!(
        "p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} requests)",
        at(0.5),
        at(0.99),
        at(1.0),
        times.len()
    )
}

fn wait_for(arrived: &Mutex<Vec<Instant>>, count: usize) {
    let began = Instant::now();
    while arrived.lock().unwrap().len() < count {
        assert!(
            began.elapsed() < Duration::from_secs(30),
            "events did not arrive"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The resident set of process `pid` (Linux `/proc`).
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}
