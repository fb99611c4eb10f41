//! Expanding an agency's staff and patients: listed people first, then people generated from
//! the profile. Generation depends only on the scenario (the profile's own seed), never on the
//! run: the same agency lives through every run.

use std::collections::BTreeMap;

use crate::rng::{Purpose, decimal, normal, stream, stream_numbered, unit};
use crate::scenario::{AgencySpec, CareCategory, Device, PatientSpec, StaffMemberSpec};

/// Splits `count` into whole numbers in proportion to `shares` (largest remainder; ties go to
/// the earlier entry), so that e.g. 15 staff at 30 % give 4 or 5 and the total is exact.
pub fn apportion(count: u32, shares: &[f64]) -> Vec<u32> {
    let total: f64 = shares.iter().map(|s| s.max(0.0)).sum();
    if total <= 0.0 || count == 0 {
        return vec![0; shares.len()];
    }
    let quotas: Vec<f64> = shares
        .iter()
        .map(|s| s.max(0.0) / total * f64::from(count))
        .collect();
    let mut counts: Vec<u32> = quotas.iter().map(|q| q.floor() as u32).collect();
    let mut left = count.saturating_sub(counts.iter().sum());
    let mut order: Vec<usize> = (0..shares.len()).collect();
    // Largest remainder first; the stable sort keeps ties in the given order.
    order.sort_by(|&a, &b| {
        let ra = quotas[a] - quotas[a].floor();
        let rb = quotas[b] - quotas[b].floor();
        rb.partial_cmp(&ra).unwrap_or(std::cmp::Ordering::Equal)
    });
    for i in order {
        if left == 0 {
            break;
        }
        counts[i] += 1;
        left -= 1;
    }
    counts
}

/// `count` labels with exact counts per category, in a fixed order shuffled by `key`.
fn spread<T: Clone>(count: u32, map: &BTreeMap<T, f64>, seed: u64, key: &str) -> Vec<T> {
    let shares: Vec<f64> = map.values().copied().collect();
    let counts = apportion(count, &shares);
    let mut labels: Vec<T> = Vec::with_capacity(count as usize);
    for (label, n) in map.keys().zip(counts) {
        labels.extend(std::iter::repeat_n(label.clone(), n as usize));
    }
    shuffle(&mut labels, seed, key);
    labels
}

/// `count` flags of which `share` (apportioned exactly) are set, shuffled by `key`.
fn flags(count: u32, share: f64, seed: u64, key: &str) -> Vec<bool> {
    let set = apportion(count, &[share, 1.0 - share])[0];
    let mut v: Vec<bool> = (0..count).map(|i| i < set).collect();
    shuffle(&mut v, seed, key);
    v
}

fn shuffle<T>(items: &mut [T], seed: u64, key: &str) {
    let mut rng = stream(seed, 0, Purpose::Profile, key);
    for i in (1..items.len()).rev() {
        let j = (unit(&mut rng) * (i + 1) as f64) as usize;
        items.swap(i, j.min(i));
    }
}

/// All staff of an agency, listed then generated (ids `<agency>-s<n>`).
pub fn expand_staff(agency: &AgencySpec) -> Vec<StaffMemberSpec> {
    let mut staff = agency.staff.members.clone();
    let Some(p) = &agency.staff.profile else {
        return staff;
    };
    let key = |what: &str| format!("{}/staff/{what}", agency.id);
    // Each person's stream is "<agency>/staff/<n>", hashed without building the string.
    let person_key = format!("{}/staff", agency.id);
    let id_prefix = format!("{}-s", agency.id);
    let roles = spread(p.count, &p.roles, p.seed, &key("roles"));
    let commutes = spread(p.count, &p.commute, p.seed, &key("commute"));
    let visit_modes = spread(p.count, &p.visit_modes, p.seed, &key("visit_modes"));
    let children = flags(p.count, p.small_children_share, p.seed, &key("children"));
    let dependents = flags(p.count, p.dependent_care_share, p.seed, &key("dependents"));
    let listed = staff.len();
    for i in 0..p.count as usize {
        let n = listed + i + 1;
        let mut rng = stream_numbered(p.seed, 0, Purpose::Profile, &person_key, n as u32);
        let (u, z) = (unit(&mut rng), normal(&mut rng));
        staff.push(StaffMemberSpec {
            id: numbered_id(&id_prefix, n, 2),
            name: None,
            role: roles[i],
            bcp_role: p.bcp_roles.get(i).copied(),
            home_km: round2(p.home_km.value(u, z)),
            commute: commutes[i],
            visit_mode: visit_modes[i],
            small_children: children[i],
            dependent_care: dependents[i],
            on_duty_at_onset: None,
        });
    }
    staff
}

/// All patients of an agency, listed then generated (ids `<agency>-p<n>`).
pub fn expand_patients(agency: &AgencySpec) -> Vec<PatientSpec> {
    let mut patients = agency.patients.members.clone();
    let Some(p) = &agency.patients.profile else {
        return patients;
    };
    let key = |what: &str| format!("{}/patients/{what}", agency.id);
    // Each patient's stream is "<agency>/patients/<n>", hashed without building the string
    // (a city builds tens of thousands).
    let person_key = format!("{}/patients", agency.id);
    let id_prefix = format!("{}-p", agency.id);
    let class_counts = apportion(
        p.count,
        &p.classes.iter().map(|c| c.share).collect::<Vec<_>>(),
    );
    let mut n = patients.len();
    for (class, class_count) in p.classes.iter().zip(class_counts) {
        let ck = |what: &str| key(&format!("{}/{what}", class.class.key()));
        // Devices: apportioned over the listed devices plus "none", then shuffled.
        let mut dev_shares: Vec<f64> = class.devices.iter().map(|d| d.share).collect();
        dev_shares.push((1.0 - dev_shares.iter().sum::<f64>()).max(0.0));
        let dev_counts = apportion(class_count, &dev_shares);
        let mut devices: Vec<Option<Device>> = Vec::new();
        for (d, c) in class.devices.iter().zip(&dev_counts) {
            devices.extend(std::iter::repeat_n(Some(d.device.clone()), *c as usize));
        }
        devices.resize(class_count as usize, None);
        shuffle(&mut devices, p.seed, &ck("devices"));
        let family = flags(
            class_count,
            class.family_support_share,
            p.seed,
            &ck("family"),
        );
        let no_phone = flags(class_count, class.no_phone_share, p.seed, &ck("no_phone"));
        for i in 0..class_count as usize {
            n += 1;
            let mut rng = stream_numbered(p.seed, 0, Purpose::Profile, &person_key, n as u32);
            let (u, z) = (unit(&mut rng), normal(&mut rng));
            let family_covers: Vec<CareCategory> = if family[i] {
                class.family_covers.clone()
            } else {
                Vec::new()
            };
            patients.push(PatientSpec {
                id: numbered_id(&id_prefix, n, 3),
                name: None,
                class: class.class,
                home_km: round2(p.home_km.value(u, z)),
                zone: None,
                needs: class.needs.clone(),
                devices: devices[i].iter().cloned().collect(),
                also_served_by: Vec::new(),
                family_covers,
                has_phone: !no_phone[i],
            });
        }
    }
    patients
}

/// `prefix` then `n` in at least `width` digits (zeros in front), as
/// `format!("{prefix}{n:0width$}")` writes it, in one allocation of the right size.
fn numbered_id(prefix: &str, n: usize, width: usize) -> String {
    let mut buffer = [0u8; 20];
    let digits = decimal(n as u64, &mut buffer);
    let zeros = width.saturating_sub(digits.len());
    let mut id = String::with_capacity(prefix.len() + zeros + digits.len());
    id.push_str(prefix);
    id.extend(std::iter::repeat_n('0', zeros));
    id.extend(digits.iter().map(|&d| char::from(d)));
    id
}

/// Distances to 10 m, so generated rosters read cleanly and compare exactly.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl AgencySpec {
    /// Every staff member of the agency as a run has them: the listed members, then those its
    /// `profile` generates (ids `<agency>-s<nn>`, the same on every run).
    pub fn expanded_staff(&self) -> Vec<StaffMemberSpec> {
        expand_staff(self)
    }

    /// Every patient of the agency as a run has them: the listed members, then those its
    /// `profile` generates (ids `<agency>-p<nnn>`, the same on every run).
    pub fn expanded_patients(&self) -> Vec<PatientSpec> {
        expand_patients(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_ids_are_those_format_writes() {
        for n in [
            0,
            1,
            7,
            9,
            10,
            42,
            99,
            100,
            123,
            999,
            1000,
            12345,
            usize::MAX,
        ] {
            assert_eq!(numbered_id("st01-p", n, 3), format!("st01-p{n:03}"));
            assert_eq!(numbered_id("st01-s", n, 2), format!("st01-s{n:02}"));
            assert_eq!(numbered_id("", n, 0), n.to_string());
        }
        assert_eq!(numbered_id("ステーション-p", 5, 3), "ステーション-p005");
    }

    #[test]
    fn apportion_is_exact_and_largest_remainder() {
        // 15 × (0.3, 0.3, 0.1, 0.1, 0.2) = 4.5, 4.5, 1.5, 1.5, 3: floors sum to 13, the two
        // leftover go to the first two of the tied .5 remainders.
        assert_eq!(
            apportion(15, &[0.3, 0.3, 0.1, 0.1, 0.2]),
            vec![5, 5, 1, 1, 3]
        );
        // 100 × (0.2, 0.35, 0.45) is whole already.
        assert_eq!(apportion(100, &[0.2, 0.35, 0.45]), vec![20, 35, 45]);
        assert_eq!(apportion(0, &[1.0]), vec![0]);
    }
}
