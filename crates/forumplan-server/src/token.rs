//! Secrets: grant tokens, session ids and CSRF tokens. Each is 256 bits
//! from the operating system's generator, written as 64 hex digits; only
//! its SHA-256 hash is ever stored, and hashes are compared in constant
//! time.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// How many random bytes a secret has (256 bits; the contract asks for at
/// least 128).
const SECRET_BYTES: usize = 32;

/// Why no secret could be made: the OS generator failed.
#[derive(Debug, thiserror::Error)]
#[error("the operating system's random generator failed: {0}")]
pub struct RandomError(getrandom::Error);

/// A fresh secret from the OS generator, as lowercase hex.
pub fn new_secret() -> Result<String, RandomError> {
    let mut bytes = [0_u8; SECRET_BYTES];
    getrandom::fill(&mut bytes).map_err(RandomError)?;
    Ok(hex(&bytes))
}

/// The SHA-256 hash of `secret`, as lowercase hex: what the database keeps.
pub fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// Whether `secret` hashes to `stored`, compared in constant time.
pub fn matches(secret: &str, stored: &str) -> bool {
    hash(secret).as_bytes().ct_eq(stored.as_bytes()).into()
}

/// Whether two secrets are equal, compared in constant time (CSRF tokens).
pub fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// Whether `text` has the shape of a secret (64 lowercase hex digits):
/// anything else is refused before it reaches the database.
pub fn well_formed(text: &str) -> bool {
    text.len() == SECRET_BYTES * 2 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_fresh_long_and_hashed() {
        let a = new_secret().unwrap();
        let b = new_secret().unwrap();
        assert_ne!(a, b);
        assert!(well_formed(&a), "{a}");
        assert!(matches(&a, &hash(&a)));
        assert!(!matches(&b, &hash(&a)));
        // The known SHA-256 of "abc".
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(!well_formed("abc"));
        assert!(!well_formed(&"g".repeat(64)));
    }
}
