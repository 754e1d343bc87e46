//! `format: byte`: binary data that travels as a base64 string inside JSON.

use std::fmt;
use std::ops::Deref;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes sent and received as a base64 string (OpenAPI `format: byte`).
///
/// Written in standard base64 with padding, as RFC 4648 and the OpenAPI specification say;
/// read in any of the standard and URL-safe alphabets, padded or not, because servers differ.
#[derive(Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// Wraps raw bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Base64(bytes.into())
    }

    /// The raw bytes.
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }

    /// Decodes a base64 string in any common alphabet, padded or not.
    pub fn decode(text: &str) -> Option<Self> {
        [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(text.trim()).ok())
            .map(Base64)
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Base64(bytes)
    }
}

impl Deref for Base64 {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

/// The wire form, so a `byte` value can also go into a query parameter or header.
impl fmt::Display for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

/// Shows the length, not the content: byte fields are often documents or keys.
impl fmt::Debug for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64({} bytes)", self.0.len())
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Base64::decode(&text).ok_or_else(|| serde::de::Error::custom("expected a base64 string"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_standard_padded_and_reads_every_common_alphabet() {
        let bytes = Base64::new(vec![0xfb, 0xff, 0x01]);
        assert_eq!(serde_json::to_string(&bytes).unwrap(), "\"+/8B\"");
        for encoded in ["\"+/8B\"", "\"-_8B\""] {
            assert_eq!(serde_json::from_str::<Base64>(encoded).unwrap(), bytes);
        }
        let short = Base64::new(b"fo".to_vec());
        assert_eq!(short.to_string(), "Zm8=");
        assert_eq!(serde_json::from_str::<Base64>("\"Zm8\"").unwrap(), short);
        assert!(serde_json::from_str::<Base64>("\"not base64!\"").is_err());
        assert_eq!(format!("{short:?}"), "Base64(2 bytes)");
    }
}
