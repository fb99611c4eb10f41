//! Members as RON, written the way the shipped scenarios are: one field per line, defaults
//! left out, so that the spliced list reads like the rest of the file.

use std::fmt::Write as _;

use crate::scenario::{PatientSpec, StaffMemberSpec};

/// A RON string literal.
fn string(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// A float that reads back as the same f64 and always looks like one (`3.0`, not `3`).
fn float(x: f64) -> String {
    format!("{x:?}")
}

fn list(items: &[String], indent: &str) -> String {
    if items.is_empty() {
        return "[]".to_string();
    }
    let inner = format!("{indent}    ");
    let mut out = String::from("[\n");
    for item in items {
        let _ = writeln!(out, "{inner}{},", item.replace('\n', &format!("\n{inner}")));
    }
    out.push_str(indent);
    out.push(']');
    out
}

fn record(fields: &[(&str, String)]) -> String {
    let mut out = String::from("(\n");
    for (k, v) in fields {
        let _ = writeln!(out, "    {k}: {v},");
    }
    out.push(')');
    out
}

/// The staff `members` list, `[` to `]`; lines after the first are indented by `indent`
/// (the indentation of the line the list starts on).
pub fn staff_ron(members: &[StaffMemberSpec], indent: &str) -> String {
    let items: Vec<String> = members
        .iter()
        .map(|m| {
            let mut f = vec![("id", string(&m.id))];
            if let Some(n) = &m.name {
                f.push(("name", format!("Some({})", string(n))));
            }
            f.push(("role", format!("{:?}", m.role)));
            if let Some(b) = m.bcp_role {
                f.push(("bcp_role", format!("Some({b:?})")));
            }
            f.push(("home_km", float(m.home_km)));
            f.push(("commute", format!("{:?}", m.commute)));
            f.push(("visit_mode", format!("{:?}", m.visit_mode)));
            if m.small_children {
                f.push(("small_children", "true".into()));
            }
            if m.dependent_care {
                f.push(("dependent_care", "true".into()));
            }
            if let Some(d) = m.on_duty_at_onset {
                f.push(("on_duty_at_onset", format!("Some({d})")));
            }
            record(&f)
        })
        .collect();
    list(&items, indent)
}

/// The patient `members` list, `[` to `]`, indented like [`staff_ron`].
pub fn patients_ron(members: &[PatientSpec], indent: &str) -> String {
    let items: Vec<String> = members
        .iter()
        .map(|p| {
            let mut f = vec![("id", string(&p.id))];
            if let Some(n) = &p.name {
                f.push(("name", format!("Some({})", string(n))));
            }
            f.push(("class", format!("{:?}", p.class)));
            f.push(("home_km", float(p.home_km)));
            if let Some(z) = &p.zone {
                f.push(("zone", format!("Some({})", string(z))));
            }
            if !p.needs.is_empty() {
                let needs: Vec<String> = p
                    .needs
                    .iter()
                    .map(|n| {
                        format!(
                            "(category: {:?}, every_hours: {})",
                            n.category, n.every_hours
                        )
                    })
                    .collect();
                f.push(("needs", format!("[{}]", needs.join(", "))));
            }
            if !p.devices.is_empty() {
                let devices: Vec<String> = p
                    .devices
                    .iter()
                    .map(|d| {
                        format!(
                            "(kind: {:?}, battery_hours: {})",
                            d.kind,
                            float(d.battery_hours)
                        )
                    })
                    .collect();
                f.push(("devices", format!("[{}]", devices.join(", "))));
            }
            if !p.family_covers.is_empty() {
                let c: Vec<String> = p.family_covers.iter().map(|c| format!("{c:?}")).collect();
                f.push(("family_covers", format!("[{}]", c.join(", "))));
            }
            if !p.has_phone {
                f.push(("has_phone", "false".into()));
            }
            record(&f)
        })
        .collect();
    list(&items, indent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{CommuteMode, Role, VisitMode};

    #[test]
    fn staff_round_trips_through_ron() {
        let m = vec![StaffMemberSpec {
            id: "st-s01".into(),
            name: Some("山田 \"花子\"".into()),
            role: Role::Nurse,
            bcp_role: None,
            home_km: 3.0,
            commute: CommuteMode::Motorbike,
            visit_mode: VisitMode::Car,
            small_children: true,
            dependent_care: false,
            on_duty_at_onset: Some(false),
        }];
        let text = staff_ron(&m, "        ");
        let back: Vec<StaffMemberSpec> = crate::load::ron_options().from_str(&text).unwrap();
        assert_eq!(back, m);
        assert!(text.contains("\n            (\n"), "{text}");
        assert!(text.ends_with("\n        ]"), "{text}");
    }
}
