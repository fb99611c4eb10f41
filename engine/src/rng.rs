//! Reproducible randomness. Every random draw comes from a ChaCha8 stream derived from
//! (seed, run, purpose, stable id): one person's draws do not change when another person is
//! added, and plan variants that share a seed and run see the same disaster (common random
//! numbers). No draw depends on iteration order, the wall clock or a hash map.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What a stream is for; part of the stream's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A lifeline's random course in a zone (id = "zone/lifeline").
    Lifeline,
    /// A site's place in each lifeline's restoration order (id = agency or patient id).
    Site,
    /// A staff member's personal draws: order in the curve, exemptions, delays.
    Staff,
    /// A staff member's daily infection draws (a separate stream so the horizon length does
    /// not shift other draws).
    Infection,
    /// Generating people from a profile (seeded by the profile's own seed, not the run).
    Profile,
    /// Whether a safety-check call gets through (id = "patient/hour").
    Call,
    /// Whether and when a household answers a message (id = patient).
    Message,
    /// A patient household's coping: hospital admission and oxygen deliveries (id = patient).
    Coping,
    /// Per-run draws of the disaster as a whole: staff risk shares (id = "staff_risks"), a
    /// zone's base-station battery life (id = zone), an agency's curve scale and car delay
    /// (id = agency).
    Run,
}

impl Purpose {
    fn tag(self) -> u64 {
        match self {
            Purpose::Lifeline => 1,
            Purpose::Site => 2,
            Purpose::Staff => 3,
            Purpose::Infection => 4,
            Purpose::Profile => 5,
            Purpose::Call => 6,
            Purpose::Message => 7,
            Purpose::Coping => 8,
            Purpose::Run => 9,
        }
    }
}

/// The stream for (seed, run, purpose, id).
pub fn stream(seed: u64, run: u64, purpose: Purpose, id: &str) -> ChaCha8Rng {
    stream_of_hash(seed, run, purpose, fnv1a(id.as_bytes()))
}

/// The stream for (seed, run, purpose, "id/n"), the same as [`stream`] with that id, without
/// building the string (calls per patient and hour, infection draws per person and day).
pub fn stream_numbered(seed: u64, run: u64, purpose: Purpose, id: &str, n: u32) -> ChaCha8Rng {
    stream_of_hash(seed, run, purpose, fnv1a_numbered(id, b'/', u64::from(n)))
}

/// [`fnv1a`] of `id`, then `separator`, then `n` in decimal, without building the string.
pub fn fnv1a_numbered(id: &str, separator: u8, n: u64) -> u64 {
    let mut digits = [0u8; 20];
    let h = fnv1a_continue(fnv1a(id.as_bytes()), &[separator]);
    fnv1a_continue(h, decimal(n, &mut digits))
}

/// `n` in decimal digits (ASCII), written at the end of `buffer`.
pub fn decimal(n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    let mut rest = n;
    loop {
        at -= 1;
        buffer[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    &buffer[at..]
}

fn stream_of_hash(seed: u64, run: u64, purpose: Purpose, id_hash: u64) -> ChaCha8Rng {
    let mut state = id_hash ^ purpose.tag().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    state ^= splitmix(seed).rotate_left(17);
    state ^= splitmix(run ^ 0xD1B5_4A32_D192_ED03).rotate_left(41);
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        state = splitmix(state);
        chunk.copy_from_slice(&state.to_le_bytes());
    }
    ChaCha8Rng::from_seed(bytes)
}

/// A uniform draw in [0, 1).
pub fn unit(rng: &mut ChaCha8Rng) -> f64 {
    rng.random::<f64>()
}

/// A standard normal draw (Box–Muller; always consumes two uniforms).
pub fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1 = 1.0 - unit(rng); // (0, 1]
    let u2 = unit(rng);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A stable hash of a string (FNV-1a), for spreading fixed things like first due hours.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_continue(0xcbf2_9ce4_8422_2325, bytes)
}

/// FNV-1a over `bytes`, going on from the hash `h` of what came before.
fn fnv1a_continue(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_streams_are_the_streams_of_their_ids() {
        for (id, n) in [
            ("p01", 0),
            ("station-p015", 7),
            ("s", 4_294_967_295),
            ("x", 10),
        ] {
            let mut a = stream(3, 9, Purpose::Call, &format!("{id}/{n}"));
            let mut b = stream_numbered(3, 9, Purpose::Call, id, n);
            assert_eq!(unit(&mut a).to_bits(), unit(&mut b).to_bits(), "{id}/{n}");
        }
    }

    #[test]
    fn numbered_hashes_are_the_hashes_of_the_strings() {
        for (id, separator, n) in [
            ("p01", b'#', 0),
            ("st03-p075", b'#', 2),
            ("", b'/', u64::MAX),
        ] {
            let text = format!("{id}{}{n}", char::from(separator));
            assert_eq!(
                fnv1a_numbered(id, separator, n),
                fnv1a(text.as_bytes()),
                "{text}"
            );
        }
    }

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a1 = unit(&mut stream(7, 0, Purpose::Staff, "s1"));
        let a2 = unit(&mut stream(7, 0, Purpose::Staff, "s1"));
        assert_eq!(a1.to_bits(), a2.to_bits());
        let other_id = unit(&mut stream(7, 0, Purpose::Staff, "s2"));
        let other_run = unit(&mut stream(7, 1, Purpose::Staff, "s1"));
        let other_purpose = unit(&mut stream(7, 0, Purpose::Site, "s1"));
        let other_seed = unit(&mut stream(8, 0, Purpose::Staff, "s1"));
        for b in [other_id, other_run, other_purpose, other_seed] {
            assert_ne!(a1.to_bits(), b.to_bits());
        }
    }
}
