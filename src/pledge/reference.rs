//! Short pledge references a donor can read out or type: six characters of
//! Crockford's base 32 (no I, L, O or U), shown as "K7Q-4MX".

/// The alphabet: digits and capitals without look-alikes.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A reference from 30 random bits, as "XXX-XXX".
pub fn from_bits(bits: u32) -> String {
    let mut out = String::with_capacity(7);
    for i in 0..6 {
        if i == 3 {
            out.push('-');
        }
        let index = (bits >> (25 - 5 * i)) & 0x1F;
        out.push(char::from(ALPHABET[index as usize]));
    }
    out
}

/// A new random reference, from the random part of a fresh UUIDv7.
pub fn random() -> String {
    let bytes = uuid::Uuid::now_v7().into_bytes();
    from_bits(u32::from_be_bytes([
        bytes[12], bytes[13], bytes[14], bytes[15],
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_readable_characters() {
        assert_eq!(from_bits(0), "000-000");
        assert_eq!(from_bits(u32::MAX), "ZZZ-ZZZ");
        let r = random();
        assert_eq!(r.len(), 7);
        assert!(
            r.chars().all(|c| c == '-' || ALPHABET.contains(&(c as u8))),
            "{r}"
        );
    }
}
