//! Sealing donors' personal details to the organisation's public key, in
//! the [age](https://age-encryption.org/v1) file format with an X25519
//! recipient, so that a stolen kiosk holds nothing but counts and totals.
//! The kiosk only ever has the public key (`age1...`); the office opens the
//! sealed details with the secret key (`AGE-SECRET-KEY-1...`), with
//! `storykiosk pledges decrypt` or with the `age` tool itself.
//!
//! Only the parts of age this needs: X25519 recipients, binary files (no
//! armor). Every file is age v1 and interoperates with `age` and `rage`.

use chacha20poly1305::{ChaCha20Poly1305, KeyInit, Nonce, aead::Aead};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::{Zeroize, Zeroizing};

pub mod base64;
mod bech32;

const INTRO: &str = "age-encryption.org/v1";
const X25519_INFO: &[u8] = b"age-encryption.org/v1/X25519";
const RECIPIENT_HRP: &str = "age";
const IDENTITY_HRP: &str = "age-secret-key-";
/// Plaintext bytes per payload chunk (age's STREAM construction).
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
/// Columns of a header body line.
const LINE: usize = 64;
/// The most a sealed record may hold; a pledge's details are a few hundred
/// bytes, so anything bigger is not ours.
const MAX_SEALED_BYTES: usize = 1 << 20;

/// Why sealing or opening failed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    /// The public key is not an age X25519 recipient.
    #[error("{0:?} is not an age public key (age1...)")]
    BadRecipient(String),
    /// The identity file holds no usable age secret key.
    #[error("no age secret key (AGE-SECRET-KEY-1...) in the identity file{0}")]
    BadIdentity(String),
    /// None of the given keys opens this file.
    #[error("none of the given secret keys opens it (sealed to another key)")]
    NotForThisKey,
    /// The file is damaged, cut short or not an age file.
    #[error("not a valid age file: {0}")]
    Damaged(&'static str),
    /// The operating system gave no random numbers.
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
}

/// The organisation's public key: what a kiosk seals to.
#[derive(Clone, PartialEq, Eq)]
pub struct Recipient(PublicKey);

impl std::fmt::Debug for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string())
    }
}

impl std::fmt::Display for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&bech32::encode(RECIPIENT_HRP, self.0.as_bytes()))
    }
}

impl std::str::FromStr for Recipient {
    type Err = SealError;

    /// Reads `age1...`, as `age-keygen` prints it.
    fn from_str(s: &str) -> Result<Self, SealError> {
        let bad = || SealError::BadRecipient(s.chars().take(80).collect());
        let (hrp, data) = bech32::decode(s.trim()).ok_or_else(bad)?;
        if hrp != RECIPIENT_HRP || s.trim().bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(bad());
        }
        let bytes: [u8; 32] = data.try_into().map_err(|_| bad())?;
        Ok(Recipient(PublicKey::from(bytes)))
    }
}

/// The organisation's secret key, kept at the office, never on a kiosk.
pub struct Identity(StaticSecret);

impl Identity {
    /// A new random key pair.
    pub fn generate() -> Result<Identity, SealError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        random(bytes.as_mut())?;
        Ok(Identity(StaticSecret::from(*bytes)))
    }

    /// The public half, for the kiosk's config.
    pub fn recipient(&self) -> Recipient {
        Recipient(PublicKey::from(&self.0))
    }

    /// `AGE-SECRET-KEY-1...`, as in an age identity file.
    pub fn to_secret_string(&self) -> Zeroizing<String> {
        Zeroizing::new(bech32::encode(IDENTITY_HRP, self.0.as_bytes()).to_uppercase())
    }

    /// Every secret key in an age identity file (the kind `age-keygen`
    /// writes: `#` comments, blank lines, one key per line).
    pub fn parse_file(text: &str) -> Result<Vec<Identity>, SealError> {
        let mut keys = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || SealError::BadIdentity(format!(": line {} is not one", n + 1));
            let (hrp, mut data) = bech32::decode(line).ok_or_else(bad)?;
            if hrp != IDENTITY_HRP || line.bytes().any(|b| b.is_ascii_lowercase()) {
                data.zeroize();
                return Err(bad());
            }
            let mut bytes: [u8; 32] = data.as_slice().try_into().map_err(|_| bad())?;
            data.zeroize();
            keys.push(Identity(StaticSecret::from(bytes)));
            bytes.zeroize();
        }
        if keys.is_empty() {
            return Err(SealError::BadIdentity(String::new()));
        }
        Ok(keys)
    }
}

/// Seals `plaintext` to `to`: an age v1 file only the holder of the secret
/// key can open.
pub fn seal(to: &Recipient, plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
    let mut file_key = Zeroizing::new([0u8; 16]);
    random(file_key.as_mut())?;
    let mut ephemeral = Zeroizing::new([0u8; 32]);
    random(ephemeral.as_mut())?;
    let ephemeral = StaticSecret::from(*ephemeral);
    let share = PublicKey::from(&ephemeral);
    let shared = ephemeral.diffie_hellman(&to.0);
    if !shared.was_contributory() {
        return Err(SealError::BadRecipient(to.to_string()));
    }
    let wrap_key = x25519_wrap_key(shared.as_bytes(), &share, &to.0);
    let body = aead(&wrap_key)
        .encrypt(&Nonce::from([0u8; 12]), file_key.as_slice())
        .map_err(|_| SealError::Damaged("the file key could not be wrapped"))?;

    let mut header = format!(
        "{INTRO}\n-> X25519 {}\n{}\n---",
        base64::encode(share.as_bytes()),
        base64::encode(&body)
    );
    let mac = header_mac(&file_key, header.as_bytes());
    header.push(' ');
    header.push_str(&base64::encode(&mac));
    header.push('\n');

    let mut nonce = [0u8; 16];
    random(&mut nonce)?;
    let payload_key = hkdf(file_key.as_slice(), &nonce, b"payload");
    let cipher = aead(&payload_key);
    let mut out = header.into_bytes();
    out.extend_from_slice(&nonce);
    let chunks: Vec<&[u8]> = if plaintext.is_empty() {
        vec![&plaintext[..0]]
    } else {
        plaintext.chunks(CHUNK).collect()
    };
    let last = chunks.len() - 1;
    for (i, chunk) in chunks.into_iter().enumerate() {
        let sealed = cipher
            .encrypt(&stream_nonce(i as u64, i == last), chunk)
            .map_err(|_| SealError::Damaged("a chunk could not be sealed"))?;
        out.extend_from_slice(&sealed);
    }
    Ok(out)
}

/// Opens an age v1 file with any of `keys`.
pub fn open(keys: &[Identity], file: &[u8]) -> Result<Zeroizing<Vec<u8>>, SealError> {
    if file.len() > MAX_SEALED_BYTES {
        return Err(SealError::Damaged("larger than any sealed pledge"));
    }
    let header = Header::parse(file)?;
    let mut file_key = None;
    for stanza in &header.stanzas {
        if stanza.kind != "X25519" {
            continue;
        }
        let [share] = stanza.args.as_slice() else {
            return Err(SealError::Damaged(
                "an X25519 stanza has the wrong arguments",
            ));
        };
        let share: [u8; 32] = unpadded(share)
            .and_then(|b| b.try_into().ok())
            .ok_or(SealError::Damaged("an X25519 share is not 32 bytes"))?;
        if stanza.body.len() != 32 {
            return Err(SealError::Damaged("an X25519 body is not 32 bytes"));
        }
        let share = PublicKey::from(share);
        for key in keys {
            let shared = key.0.diffie_hellman(&share);
            if !shared.was_contributory() {
                return Err(SealError::Damaged("an X25519 share is a low-order point"));
            }
            let wrap_key = x25519_wrap_key(shared.as_bytes(), &share, &PublicKey::from(&key.0));
            if let Ok(opened) =
                aead(&wrap_key).decrypt(&Nonce::from([0u8; 12]), stanza.body.as_slice())
            {
                let opened = Zeroizing::new(opened);
                let key: [u8; 16] = opened
                    .as_slice()
                    .try_into()
                    .map_err(|_| SealError::Damaged("the file key is not 16 bytes"))?;
                file_key = Some(Zeroizing::new(key));
                break;
            }
        }
        if file_key.is_some() {
            break;
        }
    }
    let file_key = file_key.ok_or(SealError::NotForThisKey)?;
    let mut mac = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(
        hkdf(file_key.as_slice(), &[], b"header").as_slice(),
    )
    .map_err(|_| SealError::Damaged("header key"))?;
    mac.update(&file[..header.mac_input_len]);
    mac.verify_slice(&header.mac)
        .map_err(|_| SealError::Damaged("the header has been altered"))?;

    let payload = &file[header.len..];
    if payload.len() < 16 + TAG {
        return Err(SealError::Damaged("the payload is cut short"));
    }
    let (nonce, mut rest) = payload.split_at(16);
    let cipher = aead(&hkdf(file_key.as_slice(), nonce, b"payload"));
    let mut plaintext = Zeroizing::new(Vec::with_capacity(rest.len()));
    let mut counter = 0u64;
    loop {
        let last = rest.len() <= CHUNK + TAG;
        let (chunk, next) = rest.split_at(rest.len().min(CHUNK + TAG));
        let opened = cipher
            .decrypt(&stream_nonce(counter, last), chunk)
            .map_err(|_| SealError::Damaged("the payload has been altered or cut short"))?;
        let opened = Zeroizing::new(opened);
        if last && opened.is_empty() && counter > 0 {
            return Err(SealError::Damaged("an empty last chunk"));
        }
        plaintext.extend_from_slice(&opened);
        if last {
            return Ok(plaintext);
        }
        rest = next;
        counter += 1;
    }
}

/// One recipient stanza of a header.
struct Stanza<'a> {
    kind: &'a str,
    args: Vec<&'a str>,
    body: Vec<u8>,
}

/// A parsed header: its stanzas, its MAC, and where it ends.
struct Header<'a> {
    stanzas: Vec<Stanza<'a>>,
    mac: Vec<u8>,
    /// The bytes the MAC covers: up to and including "---".
    mac_input_len: usize,
    /// The header's length, with the MAC line.
    len: usize,
}

impl<'a> Header<'a> {
    fn parse(file: &'a [u8]) -> Result<Header<'a>, SealError> {
        let mut pos = 0;
        let mut line = || -> Result<&'a str, SealError> {
            let rest = &file[pos..];
            let end = rest
                .iter()
                .position(|&b| b == b'\n')
                .ok_or(SealError::Damaged("the header is cut short"))?;
            let text = std::str::from_utf8(&rest[..end])
                .map_err(|_| SealError::Damaged("the header is not text"))?;
            pos += end + 1;
            Ok(text)
        };
        if line()? != INTRO {
            return Err(SealError::Damaged(
                "it does not start with age-encryption.org/v1",
            ));
        }
        let mut stanzas = Vec::new();
        let mut next = line()?;
        loop {
            if let Some(mac) = next.strip_prefix("--- ") {
                let mac = unpadded(mac)
                    .filter(|m| m.len() == 32)
                    .ok_or(SealError::Damaged("the header MAC is not 32 bytes"))?;
                return Ok(Header {
                    stanzas,
                    mac,
                    mac_input_len: pos - 1 - (next.len() - 3),
                    len: pos,
                });
            }
            let Some(stanza) = next.strip_prefix("-> ") else {
                return Err(SealError::Damaged(
                    "a header line is neither a stanza nor the MAC",
                ));
            };
            let mut words = stanza.split(' ');
            let kind = words
                .next()
                .filter(|k| !k.is_empty())
                .ok_or(SealError::Damaged("a stanza has no type"))?;
            let args: Vec<&str> = words.collect();
            if args.iter().any(|a| a.is_empty()) {
                return Err(SealError::Damaged("a stanza has an empty argument"));
            }
            // The format allows printable ASCII only (VCHAR, 0x21 to 0x7E).
            if !std::iter::once(kind)
                .chain(args.iter().copied())
                .all(|word| word.bytes().all(|b| b.is_ascii_graphic()))
            {
                return Err(SealError::Damaged(
                    "a stanza has a character outside printable ASCII",
                ));
            }
            let mut body = String::new();
            loop {
                let l = line()?;
                if l.len() > LINE {
                    return Err(SealError::Damaged("a stanza line is too long"));
                }
                body.push_str(l);
                if l.len() < LINE {
                    break;
                }
            }
            let body = unpadded(&body).ok_or(SealError::Damaged("a stanza body is not base64"))?;
            stanzas.push(Stanza { kind, args, body });
            if stanzas.len() > 64 {
                return Err(SealError::Damaged("too many stanzas"));
            }
            next = line()?;
        }
    }
}

/// Header base64 must be unpadded (age's rule).
fn unpadded(text: &str) -> Option<Vec<u8>> {
    if text.contains('=') {
        None
    } else {
        base64::decode(text)
    }
}

fn random(buf: &mut [u8]) -> Result<(), SealError> {
    getrandom::fill(buf).map_err(|e| SealError::Random(e.to_string()))
}

fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    // 32 bytes is always a valid HKDF-SHA256 output length.
    let _ = Hkdf::<Sha256>::new(Some(salt), ikm).expand(info, out.as_mut());
    out
}

fn x25519_wrap_key(
    shared: &[u8; 32],
    share: &PublicKey,
    recipient: &PublicKey,
) -> Zeroizing<[u8; 32]> {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(share.as_bytes());
    salt[32..].copy_from_slice(recipient.as_bytes());
    hkdf(shared, &salt, X25519_INFO)
}

fn header_mac(file_key: &[u8; 16], header: &[u8]) -> Vec<u8> {
    let key = hkdf(file_key.as_slice(), &[], b"header");
    // HMAC takes a key of any length.
    let mut mac = match <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(key.as_slice()) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts any key length"),
    };
    mac.update(header);
    mac.finalize().into_bytes().to_vec()
}

fn aead(key: &[u8; 32]) -> ChaCha20Poly1305 {
    match ChaCha20Poly1305::new_from_slice(key) {
        Ok(cipher) => cipher,
        Err(_) => unreachable!("a 32-byte key is the right length"),
    }
}

/// The STREAM nonce: an 11-byte big-endian chunk counter, then 1 for the
/// last chunk.
fn stream_nonce(counter: u64, last: bool) -> Nonce {
    let mut nonce = [0u8; 12];
    nonce[3..11].copy_from_slice(&counter.to_be_bytes());
    nonce[11] = u8::from(last);
    Nonce::from(nonce)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_record_opens_with_the_secret_key_only() {
        let office = Identity::generate().unwrap();
        let other = Identity::generate().unwrap();
        let to: Recipient = office.recipient().to_string().parse().unwrap();
        for size in [0, 1, 300, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 5] {
            let text: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let sealed = seal(&to, &text).unwrap();
            if size >= 16 {
                assert!(
                    !sealed.windows(16).any(|w| w == &text[..16]),
                    "plaintext visible"
                );
            }
            assert_eq!(
                open(std::slice::from_ref(&office), &sealed)
                    .unwrap()
                    .as_slice(),
                text
            );
            assert_eq!(
                open(std::slice::from_ref(&other), &sealed).unwrap_err(),
                SealError::NotForThisKey
            );
        }
    }

    #[test]
    fn any_altered_byte_is_refused() {
        let office = Identity::generate().unwrap();
        let sealed = seal(&office.recipient(), b"Chan Tai Man, tai.man@example.org").unwrap();
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(
                open(std::slice::from_ref(&office), &bad).is_err(),
                "byte {i}"
            );
        }
        for cut in 0..sealed.len() {
            assert!(
                open(std::slice::from_ref(&office), &sealed[..cut]).is_err(),
                "cut {cut}"
            );
        }
    }

    #[test]
    fn keys_round_trip_and_bad_keys_are_named() {
        let office = Identity::generate().unwrap();
        let secret = office.to_secret_string();
        assert!(secret.starts_with("AGE-SECRET-KEY-1"));
        let file = format!(
            "# created: today\n# public key: {}\n{}\n",
            office.recipient(),
            *secret
        );
        let keys = Identity::parse_file(&file).unwrap();
        assert_eq!(keys[0].recipient(), office.recipient());
        assert!(office.recipient().to_string().starts_with("age1"));
        let public = office.recipient().to_string();
        for bad in [
            "",
            "age1",
            &public[..public.len() - 1],
            &public.to_uppercase(),
            &public.replace("age1", "agf1"),
            secret.as_str(),
        ] {
            assert!(bad.parse::<Recipient>().is_err(), "{bad}");
        }
        assert!(Identity::parse_file("# only a comment\n").is_err());
        assert!(Identity::parse_file(&public).is_err());
        assert!(Identity::parse_file(&secret.to_lowercase()).is_err());
    }

    #[test]
    fn known_vectors_decode() {
        // BIP 173's valid test strings.
        for s in [
            "A12UEL5L",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        ] {
            assert!(bech32::decode(s).is_some(), "{s}");
        }
        assert!(bech32::decode("A12UEL5l").is_none());
        assert_eq!(base64::encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64::encode(b"fooba"), "Zm9vYmE");
        assert_eq!(base64::encode_padded(b"fooba"), "Zm9vYmE=");
        assert_eq!(base64::decode("Zm9vYmE").unwrap(), b"fooba");
        assert_eq!(base64::decode("Zm9vYmE=").unwrap(), b"fooba");
        assert!(
            base64::decode("Zm9vYmF").is_none(),
            "non-canonical trailing bits"
        );
    }
}
