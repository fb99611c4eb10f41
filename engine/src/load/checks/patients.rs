//! An agency's patients (`scenario/patients.rs`): members, needs, devices and the profile.

use std::collections::BTreeMap;

use super::*;
use crate::scenario::*;

impl Checker<'_> {
    pub(super) fn needs(&mut self, path: &str, needs: &[CareNeed]) {
        for (k, n) in needs.iter().enumerate() {
            self.at_least_one(&format!("{path}[{k}].every_hours"), n.every_hours);
        }
    }

    pub(super) fn device(&mut self, path: &str, d: &Device) {
        self.non_negative(&format!("{path}.battery_hours"), d.battery_hours);
        self.non_negative(
            &format!("{path}.spare_battery_hours"),
            d.spare_battery_hours,
        );
        self.non_negative(
            &format!("{path}.family_backup_hours"),
            d.family_backup_hours,
        );
    }

    pub(super) fn patients(&mut self, path: &str, p: &PatientsSpec, zones: &[&str]) {
        for (j, pt) in p.members.iter().enumerate() {
            let pp = format!("{path}.members[{j}]");
            self.non_negative(&format!("{pp}.home_km"), pt.home_km);
            if let Some(z) = &pt.zone {
                self.reference(&format!("{pp}.zone"), z, zones, Kind::Zone);
            }
            self.needs(&format!("{pp}.needs"), &pt.needs);
            for (k, d) in pt.devices.iter().enumerate() {
                self.device(&format!("{pp}.devices[{k}]"), d);
            }
        }
        if let Some(prof) = &p.profile {
            let pp = format!("{path}.profile");
            self.head_count(&format!("{pp}.count"), prof.count);
            self.dist(&format!("{pp}.home_km"), &prof.home_km);
            if prof.classes.is_empty() {
                if prof.count > 0 {
                    self.err(
                        &format!("{pp}.classes"),
                        "empty",
                        m(
                            "利用者の優先度の割合 `classes` が空です",
                            "`classes` is empty: no priority classes to generate patients from",
                        ),
                        Some(m(
                            "`[(class: A, share: 0.1), (class: B, share: 0.3), (class: C, share: 0.6)]` のように書きます",
                            "write e.g. `[(class: A, share: 0.1), (class: B, share: 0.3), (class: C, share: 0.6)]`",
                        )),
                    );
                }
            } else {
                let mut seen = BTreeMap::new();
                for (k, c) in prof.classes.iter().enumerate() {
                    let cp = format!("{pp}.classes[{k}]");
                    if let Some(first) = seen.insert(c.class, k) {
                        self.err(
                            &format!("{cp}.class"),
                            "duplicate-class",
                            m(
                                format!("優先度 {:?} が2回書かれています（{first}番目と{k}番目、0から数えて）", c.class),
                                format!("priority class {:?} is listed twice (entries {first} and {k}, counting from 0)", c.class),
                            ),
                            None,
                        );
                    }
                    self.share(&format!("{cp}.share"), c.share);
                    self.needs(&format!("{cp}.needs"), &c.needs);
                    for (d, ds) in c.devices.iter().enumerate() {
                        self.share(&format!("{cp}.devices[{d}].share"), ds.share);
                        self.device(&format!("{cp}.devices[{d}].device"), &ds.device);
                    }
                    let dev_sum: f64 = c.devices.iter().map(|d| d.share).sum();
                    if dev_sum.is_finite() && dev_sum > 1.0 + SUM_TOLERANCE {
                        self.err(
                            &format!("{cp}.devices"),
                            "sum-over-one",
                            m(
                                format!("機器の割合の合計が 1 を超えています（合計 {dev_sum}）"),
                                format!("device shares add up to more than 1 (sum {dev_sum})"),
                            ),
                            Some(m(
                                "1人が持つ機器は1つとして割り当てられます。合計を 1 以下にしてください",
                                "devices are apportioned one per patient; keep the sum at 1 or less",
                            )),
                        );
                    }
                    self.share(
                        &format!("{cp}.family_support_share"),
                        c.family_support_share,
                    );
                    self.share(&format!("{cp}.no_phone_share"), c.no_phone_share);
                }
                let shares: Vec<f64> = prof.classes.iter().map(|c| c.share).collect();
                self.sums_to_one(&format!("{pp}.classes"), &shares);
            }
        }
    }
}
