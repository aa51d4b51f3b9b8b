//! What the morning digest talks to, started by the test on loopback: an
//! SMTP sink that accepts every message, and webhook receivers that answer
//! 200 or always 500.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// What a receiver got, one entry per message or request.
pub(crate) type Received = Arc<Mutex<Vec<String>>>;

fn serve(handle: impl Fn(TcpStream, &Received) + Send + Sync + 'static) -> (SocketAddr, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let received: Received = Arc::default();
    let shared = Arc::clone(&received);
    let handle = Arc::new(handle);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (handle, shared) = (Arc::clone(&handle), Arc::clone(&shared));
            std::thread::spawn(move || handle(stream, &shared));
        }
    });
    (addr, received)
}

/// An SMTP server that takes every message (the whole DATA, headers and all).
pub(crate) fn smtp_sink() -> (SocketAddr, Received) {
    serve(|stream, received| {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut out = stream;
        let _ = out.write_all(b"220 sink ESMTP\r\n");
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let command = line.trim_end().to_ascii_uppercase();
            let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
                b"250 sink\r\n"
            } else if command.starts_with("DATA") {
                let _ = out.write_all(b"354 go on\r\n");
                let mut message = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == ".\r\n" {
                        break;
                    }
                    message.push_str(&line);
                }
                received.lock().unwrap().push(message);
                b"250 queued\r\n"
            } else if command.starts_with("QUIT") {
                let _ = out.write_all(b"221 bye\r\n");
                return;
            } else {
                b"250 ok\r\n"
            };
            let _ = out.write_all(reply);
        }
    })
}

/// A webhook receiver answering `status` to every POST; keeps each body.
pub(crate) fn webhook(status: u16) -> (SocketAddr, Received) {
    serve(move |stream, received| {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut out = stream;
        let mut length = 0;
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        received
            .lock()
            .unwrap()
            .push(String::from_utf8_lossy(&body).into_owned());
        let _ = write!(
            out,
            "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
    })
}
