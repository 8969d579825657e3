//! Bech32 (BIP 173), the encoding of age's keys.

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk = 1u32;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &str) -> impl Iterator<Item = u8> + '_ {
    hrp.bytes()
        .map(|b| b >> 5)
        .chain(std::iter::once(0))
        .chain(hrp.bytes().map(|b| b & 31))
}

/// `hrp` (lowercase) and `data`, as lowercase bech32.
pub fn encode(hrp: &str, data: &[u8]) -> String {
    let mut groups = Vec::with_capacity(data.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in data {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            groups.push(((acc >> bits) & 31) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        groups.push(((acc << (5 - bits)) & 31) as u8);
    }
    let chk = polymod(hrp_expand(hrp).chain(groups.iter().copied()).chain([0; 6])) ^ 1;
    let mut out = format!("{hrp}1");
    for g in groups
        .iter()
        .copied()
        .chain((0..6).map(|i| ((chk >> (5 * (5 - i))) & 31) as u8))
    {
        out.push(char::from(CHARSET[usize::from(g)]));
    }
    out
}

/// The lowercase HRP and the data bytes; `None` if the checksum, the
/// characters or the padding are wrong.
pub fn decode(text: &str) -> Option<(String, Vec<u8>)> {
    if !text.is_ascii()
        || (text.bytes().any(|b| b.is_ascii_lowercase())
            && text.bytes().any(|b| b.is_ascii_uppercase()))
    {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let split = lower.rfind('1')?;
    let (hrp, rest) = (&lower[..split], &lower[split + 1..]);
    if hrp.is_empty() || rest.len() < 6 || hrp.bytes().any(|b| !(33..=126).contains(&b)) {
        return None;
    }
    let values: Vec<u8> = rest
        .bytes()
        .map(|c| CHARSET.iter().position(|&x| x == c).map(|p| p as u8))
        .collect::<Option<_>>()?;
    if polymod(hrp_expand(hrp).chain(values.iter().copied())) != 1 {
        return None;
    }
    let mut data = Vec::with_capacity(values.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &v in &values[..values.len() - 6] {
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            data.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bits >= 5 || acc != 0 {
        return None;
    }
    Some((hrp.to_owned(), data))
}
