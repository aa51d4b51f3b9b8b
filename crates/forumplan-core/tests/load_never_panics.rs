//! probe
#![allow(missing_docs, clippy::print_stdout)]
use forumplan_core::{Format, load_plan};

fn show(name: &str, text: &[u8], f: Format) {
    let r = std::panic::catch_unwind(|| load_plan(text, f));
    match r {
        Err(_) => println!("{name}: PANIC"),
        Ok(Ok(l)) => println!("{name}: OK warnings={:?}", l.warnings.iter().map(|d| (d.code, d.span)).collect::<Vec<_>>()),
        Ok(Err(ds)) => {
            for d in ds {
                let s = d.span.unwrap();
                let ok = s.start <= s.end && s.end <= text.len();
                let b = std::str::from_utf8(text).map(|t| ok && t.is_char_boundary(s.start) && t.is_char_boundary(s.end)).unwrap_or(ok);
                println!("{name}: {:?} {} {:?} inbounds_boundary={b} rel={:?}", d.severity, d.code, s, d.related);
            }
        }
    }
}

#[test]
fn probe() {
    let base = r#"{"forum":{"id":"f","name":"F","date":"2022-09-18"},"workstreams":[{"id":"w","name":"W"}],"tasks":[{"id":"a","workstream":"w","name":"A","duration":"1d","fixed_start":"FS"}]}"#;
    for fs in ["Tổ", "T\u{e9}", "T-5", "T-99999", "T+36600"] {
        let t = base.replace("FS", fs);
        show(&format!("fixed_start {fs}"), t.as_bytes(), Format::Json);
    }
    show("hex", br#"{"a": "\u12\xe1\xbb\x95"}"#, Format::Json);
    show("toml empty", b"", Format::Toml);
    show("toml ws", b" ", Format::Toml);
    show("toml dotted", "\"\u{1ed5}\".x = 1\nforum.id = 1".as_bytes(), Format::Toml);
    show("toml deep", format!("a = {}", "[".repeat(100000)).as_bytes(), Format::Toml);
    show("toml deep inline", format!("a = {}", "{a=".repeat(100000)).as_bytes(), Format::Toml);
    show("toml underscore int", b"[settings]\nat_risk_float = 1_0\nlookahead_days = 0x10\n", Format::Toml);
    show("toml forum implicit", b"[forum.x]\n[[tasks]]\n[[tasks.after]]\n", Format::Toml);
    show("json deep", "[".repeat(100000).as_bytes(), Format::Json);
}
