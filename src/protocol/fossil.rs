//! Fossil deltas (the format of fossil-scm's delta encoder), used for `delta: "fossil"` subscriptions:
//! a publication is sent as the edit turning the previous publication's data into this one.
//!
//! Format: the target length, `\n`, then commands — `N@M,` copies N bytes of the source from offset
//! M, `N:` inserts the N literal bytes that follow — and a closing `C;` with the target's checksum.
//! Numbers are written in base 64 with the digits `0-9 A-Z _ a-z ~`, most significant first.

use std::collections::HashMap;

/// Block length used to find matches between source and target.
const BLOCK: usize = 16;
/// Source positions tried per block hash before giving up (bounds the work on repetitive data).
const MAX_CANDIDATES: usize = 64;

const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~";

fn put_int(out: &mut Vec<u8>, mut v: u64) {
    let mut tmp = [0u8; 11];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = DIGITS[(v & 63) as usize];
        v >>= 6;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&tmp[i..]);
}

/// The checksum the format closes with: the target summed as big-endian 32-bit words (the last,
/// partial word padded with zeros), modulo 2^32.
pub fn checksum(data: &[u8]) -> u32 {
    let mut sum: u32 = 0;
    let mut words = data.chunks_exact(4);
    for w in &mut words {
        sum = sum.wrapping_add(u32::from_be_bytes([w[0], w[1], w[2], w[3]]));
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 4];
        last[..rest.len()].copy_from_slice(rest);
        sum = sum.wrapping_add(u32::from_be_bytes(last));
    }
    sum
}

fn block_hash(b: &[u8]) -> u64 {
    // FNV-1a: only this encoder ever sees these hashes.
    b.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &x| {
        (h ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The delta turning `source` into `target`.
pub fn encode(source: &[u8], target: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(target.len() / 2 + 16);
    put_int(&mut out, target.len() as u64);
    out.push(b'\n');
    let mut literal_from = 0;
    if source.len() >= BLOCK && target.len() >= BLOCK {
        let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
        for s in (0..=source.len() - BLOCK).step_by(BLOCK) {
            index
                .entry(block_hash(&source[s..s + BLOCK]))
                .or_default()
                .push(s);
        }
        let mut i = 0;
        while i + BLOCK <= target.len() {
            let mut best: Option<(usize, usize, usize)> = None; // (source start, target start, len)
            if let Some(starts) = index.get(&block_hash(&target[i..i + BLOCK])) {
                for &s in starts.iter().take(MAX_CANDIDATES) {
                    if source[s..s + BLOCK] != target[i..i + BLOCK] {
                        continue;
                    }
                    let forward = source[s + BLOCK..]
                        .iter()
                        .zip(&target[i + BLOCK..])
                        .take_while(|(a, b)| a == b)
                        .count();
                    let backward = source[..s]
                        .iter()
                        .rev()
                        .zip(target[literal_from..i].iter().rev())
                        .take_while(|(a, b)| a == b)
                        .count();
                    let len = backward + BLOCK + forward;
                    if best.is_none_or(|(_, _, l)| len > l) {
                        best = Some((s - backward, i - backward, len));
                    }
                }
            }
            match best {
                Some((s, t, len)) => {
                    if t > literal_from {
                        put_int(&mut out, (t - literal_from) as u64);
                        out.push(b':');
                        out.extend_from_slice(&target[literal_from..t]);
                    }
                    put_int(&mut out, len as u64);
                    out.push(b'@');
                    put_int(&mut out, s as u64);
                    out.push(b',');
                    i = t + len;
                    literal_from = i;
                }
                None => i += 1,
            }
        }
    }
    if literal_from < target.len() {
        put_int(&mut out, (target.len() - literal_from) as u64);
        out.push(b':');
        out.extend_from_slice(&target[literal_from..]);
    }
    put_int(&mut out, u64::from(checksum(target)));
    out.push(b';');
    out
}

/// Applies a delta made by [`encode`] (or any fossil encoder) to `source`.
pub fn apply(source: &[u8], delta: &[u8]) -> Result<Vec<u8>, &'static str> {
    let mut pos = 0;
    let get_int = |pos: &mut usize| -> Result<u64, &'static str> {
        let start = *pos;
        let mut v: u64 = 0;
        while let Some(d) = delta
            .get(*pos)
            .and_then(|c| DIGITS.iter().position(|x| x == c))
        {
            v = v
                .checked_mul(64)
                .and_then(|v| v.checked_add(d as u64))
                .ok_or("number too large")?;
            *pos += 1;
        }
        if *pos == start {
            return Err("number expected");
        }
        Ok(v)
    };
    let size = usize::try_from(get_int(&mut pos)?).map_err(|_| "size too large")?;
    if delta.get(pos) != Some(&b'\n') {
        return Err("size not terminated by a newline");
    }
    pos += 1;
    let mut out = Vec::with_capacity(size.min(1 << 24));
    while pos < delta.len() {
        let n = usize::try_from(get_int(&mut pos)?).map_err(|_| "count too large")?;
        let op = delta.get(pos).copied().ok_or("operator expected")?;
        pos += 1;
        match op {
            b'@' => {
                let at = usize::try_from(get_int(&mut pos)?).map_err(|_| "offset too large")?;
                if delta.get(pos) != Some(&b',') {
                    return Err("copy not terminated by a comma");
                }
                pos += 1;
                let end = at.checked_add(n).ok_or("copy out of range")?;
                out.extend_from_slice(source.get(at..end).ok_or("copy past the source")?);
            }
            b':' => {
                let end = pos.checked_add(n).ok_or("insert out of range")?;
                out.extend_from_slice(delta.get(pos..end).ok_or("insert past the delta")?);
                pos = end;
            }
            b';' => {
                if u64::from(checksum(&out)) != n as u64 {
                    return Err("bad checksum");
                }
                if out.len() != size {
                    return Err("size mismatch");
                }
                return Ok(out);
            }
            _ => return Err("unknown operator"),
        }
        if out.len() > size {
            return Err("output larger than announced");
        }
    }
    Err("unterminated delta")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(a: &[u8], b: &[u8]) -> Vec<u8> {
        let d = encode(a, b);
        assert_eq!(
            apply(a, &d).as_deref(),
            Ok(b),
            "delta {:?}",
            String::from_utf8_lossy(&d)
        );
        d
    }

    #[test]
    fn numbers_and_checksum() {
        let mut out = Vec::new();
        for v in [0u64, 63, 64, 4095, u64::from(u32::MAX)] {
            out.clear();
            put_int(&mut out, v);
            // An empty output announced as `v` bytes: parses, and only 0 matches.
            let d = [out.as_slice(), b"\n0;"].concat();
            let want = if v == 0 { None } else { Some("size mismatch") };
            assert_eq!(apply(b"", &d).err(), want, "{v}");
        }
        out.clear();
        put_int(&mut out, 4095);
        assert_eq!(out, b"~~");
        // Words are big-endian; the tail is padded on the right.
        assert_eq!(checksum(b"\x00\x00\x00\x01"), 1);
        assert_eq!(checksum(b"\x01"), 1 << 24);
        assert_eq!(checksum(b"\xff\xff\xff\xff\x00\x00\x00\x02"), 1);
    }

    #[test]
    fn deltas_apply_and_are_small_for_similar_data() {
        let a = br#"{"price":100,"ticker":"BTC","history":[1,2,3,4,5,6,7,8,9,10],"note":"unchanged text here"}"#;
        let b = br#"{"price":101,"ticker":"BTC","history":[1,2,3,4,5,6,7,8,9,10,11],"note":"unchanged text here"}"#;
        let d = round_trip(a, b);
        assert!(d.len() < b.len() / 2, "{}", String::from_utf8_lossy(&d));
        round_trip(b"", b"");
        round_trip(b"", b"new");
        round_trip(b"old", b"");
        round_trip(a, a);
        round_trip(b"short", b"shorter still, but quite different");
        let big_a: Vec<u8> = (0..5000u32)
            .flat_map(|i| i.to_string().into_bytes())
            .collect();
        let mut big_b = big_a.clone();
        big_b.splice(2000..2010, b"CHANGED".iter().copied());
        big_b.extend_from_slice(b"tail");
        let d = round_trip(&big_a, &big_b);
        assert!(d.len() < 100, "{}", d.len());
        let repetitive = vec![b'a'; 4000];
        round_trip(&repetitive, &[repetitive.as_slice(), b"b"].concat());
    }

    #[test]
    fn bad_deltas_are_errors() {
        let d = encode(b"hello world, hello world", b"hello world, hello there");
        assert!(apply(b"hello world, hello world", &d[..d.len() - 1]).is_err());
        let mut wrong = d.clone();
        let n = wrong.len();
        wrong[n - 2] = if wrong[n - 2] == b'0' { b'1' } else { b'0' };
        assert!(apply(b"hello world, hello world", &wrong).is_err());
        assert!(apply(b"", b"5\n10@0,5;").is_err());
        assert!(apply(b"", b"x").is_err());
    }
}
