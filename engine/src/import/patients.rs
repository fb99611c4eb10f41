//! One row of the patient sheet (表2 災害時利用者管理シート) → one `PatientSpec`.

use super::cells::{Row, number_problem, unknown_word};
use super::headers::{Field, Sheet};
use super::ids::{RowIdent, assign};
use super::values::{
    self, BOOLS, CARE, DEVICES, HOUR_UNITS, KM_UNITS, PRIORITIES, is_none_word, list_items,
    nfkc_trim, split_pair,
};
use super::{ImportError, ImportOptions, Problem, SheetKind};
use crate::lang::Msg;
use crate::scenario::{CareNeed, Device, PatientSpec};

/// Every row as a patient, or every problem in the sheet.
pub fn members(sheet: &Sheet, opts: &ImportOptions) -> Result<Vec<PatientSpec>, ImportError> {
    let mut problems = Vec::new();
    let mut members = Vec::new();
    let mut idents = Vec::new();
    for (number, cells) in &sheet.rows {
        let mut r = Row {
            sheet,
            number: *number,
            cells,
            problems: &mut problems,
        };
        let class = r.required_word(Field::Priority, &PRIORITIES);
        // An empty distance is the format's default (2 km).
        let home_km = r.number(Field::HomeKm, KM_UNITS, ("距離", "distance"));
        let bad_km = r.get(Field::HomeKm).is_some() && home_km.is_none();
        let zone = zone(&mut r, opts);
        let needs = needs(&mut r);
        let devices = devices(&mut r);
        let family_covers = family_covers(&mut r);
        let has_phone = r.word(Field::HasPhone, &BOOLS).unwrap_or(true);
        idents.push(RowIdent {
            row: *number,
            id: r.get(Field::Id),
            name: r.get(Field::Name).map(|(_, v)| v),
        });
        if let (Some(class), false) = (class, bad_km) {
            members.push(PatientSpec {
                id: String::new(),
                name: None,
                class,
                home_km: home_km.unwrap_or(2.0),
                zone: zone.flatten(),
                needs: needs.unwrap_or_default(),
                devices: devices.unwrap_or_default(),
                family_covers: family_covers.unwrap_or_default(),
                has_phone,
                also_served_by: Vec::new(),
            });
        }
    }
    let ids = assign(
        SheetKind::Patients,
        &idents,
        &opts.agency,
        &opts.names,
        &sheet.header_of(Field::Id),
    );
    match ids {
        Err(mut more) => problems.append(&mut more),
        Ok(ids) if problems.is_empty() => {
            for (m, (id, name)) in members.iter_mut().zip(ids) {
                m.id = id;
                m.name = name;
            }
        }
        Ok(_) => {}
    }
    if problems.is_empty() {
        Ok(members)
    } else {
        problems.sort_by_key(|p| p.row);
        Err(ImportError { problems })
    }
}

/// `Some(None)`: no zone (the agency's); `None`: a problem was recorded.
fn zone(r: &mut Row<'_, '_>, opts: &ImportOptions) -> Option<Option<String>> {
    let Some((header, raw)) = r.get(Field::Zone) else {
        return Some(None);
    };
    let z = nfkc_trim(raw);
    let well_formed = z
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let known = opts.zones.as_ref();
    if well_formed && known.is_none_or(|k| k.contains(&z)) {
        return Some(Some(z));
    }
    let list = known.map(|k| k.join(", ")).unwrap_or_default();
    let suggestion =
        known.and_then(|k| crate::load::closest_name(&z, k.iter().map(String::as_str)));
    let hint = match (suggestion, known) {
        (Some(s), _) => Msg::new(
            format!("「{s}」のことですか？ シナリオの地区: {list}"),
            format!("did you mean \"{s}\"? the scenario's zones: {list}"),
        ),
        (None, Some(_)) => Msg::new(
            format!("シナリオの地区: {list}"),
            format!("the scenario's zones: {list}"),
        ),
        (None, None) => Msg::new(
            "地区はシナリオの zones の id（半角英数字・「-」・「_」）で書いてください",
            "write the id of one of the scenario's zones (ASCII letters, digits, \"-\", \"_\")",
        ),
    };
    let p = Problem::new(
        "unknown-zone",
        Msg::new(
            format!("地区「{raw}」がシナリオにありません"),
            format!("zone \"{raw}\" is not in the scenario"),
        ),
        Some(hint),
    );
    r.push(header, p);
    None
}

/// `医療的ケア:48h; 排泄:168h`.
fn needs(r: &mut Row<'_, '_>) -> Option<Vec<CareNeed>> {
    let (header, raw) = r.get(Field::Needs)?;
    if is_none_word(raw) {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    let mut ok = true;
    for item in list_items(raw) {
        let (cat, interval) = split_pair(item);
        let category = match CARE.lookup(cat) {
            Ok(c) => Some(c),
            Err(u) => {
                let p = unknown_word(&CARE, cat, u.suggestion);
                r.push(header, p);
                None
            }
        };
        let hours = interval.and_then(values::interval_hours);
        if hours.is_none() {
            let p = Problem::new(
                "bad-interval",
                Msg::new(
                    format!("「{item}」の間隔が分かりません"),
                    format!("no interval understood in \"{item}\""),
                ),
                Some(Msg::new(
                    "「種類:間隔」で書いてください。例: 医療的ケア:48h; 排泄:1週; リハビリ:週2回",
                    "write \"category:interval\", e.g. 医療的ケア:48h; excretion:168h; rehabilitation:2w",
                )),
            );
            r.push(header, p);
        }
        match (category, hours) {
            (Some(category), Some(every_hours)) => out.push(CareNeed {
                category,
                every_hours,
                first_due_hour: None,
            }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

/// `人工呼吸器:8; 吸引器:12`, or `人工呼吸器` with the hours in the battery column.
fn devices(r: &mut Row<'_, '_>) -> Option<Vec<Device>> {
    let device_cell = r.get(Field::Device).filter(|(_, v)| !is_none_word(v));
    let battery_cell = r.get(Field::BatteryHours).filter(|(_, v)| !is_none_word(v));
    let Some((header, raw)) = device_cell else {
        if let Some((bheader, braw)) = battery_cell {
            let p = Problem::new(
                "battery-without-device",
                Msg::new(
                    format!("医療機器がないのにバッテリー時間「{braw}」があります"),
                    format!("battery hours \"{braw}\" but no device"),
                ),
                Some(Msg::new(
                    "医療機器の列に機器の種類を書くか、バッテリー時間を消してください",
                    "name the device in the device column, or clear the battery hours",
                )),
            );
            r.push(bheader, p);
            return None;
        }
        return Some(Vec::new());
    };
    let what = ("バッテリー時間", "battery hours");
    // Hours from the battery column, one value per device.
    let mut column_hours = Vec::new();
    let mut ok = true;
    if let Some((bheader, braw)) = battery_cell {
        for item in list_items(braw) {
            match values::number(item, HOUR_UNITS) {
                Ok(h) => column_hours.push(h),
                Err(e) => {
                    let p = number_problem(e, item, what, HOUR_UNITS);
                    r.push(bheader, p);
                    ok = false;
                }
            }
        }
    }
    let items = list_items(raw);
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let (kind_raw, inline) = split_pair(item);
        let kind = match DEVICES.lookup(kind_raw) {
            Ok(k) => Some(k),
            Err(u) => {
                let p = unknown_word(&DEVICES, kind_raw, u.suggestion);
                r.push(header, p);
                None
            }
        };
        let hours = match inline {
            Some(h) => match values::number(h, HOUR_UNITS) {
                Ok(h) => Some(h),
                Err(e) => {
                    let p = number_problem(e, h, what, HOUR_UNITS);
                    r.push(header, p);
                    None
                }
            },
            None if column_hours.len() == items.len() => Some(column_hours[i]),
            None if !ok => None,
            None => {
                let p = Problem::new(
                    "missing-battery",
                    Msg::new(
                        format!("「{kind_raw}」のバッテリー時間がありません"),
                        format!("no battery hours for \"{kind_raw}\""),
                    ),
                    Some(Msg::new(
                        "バッテリー(時間)の列に機器ごとの時間を「;」で区切って書くか、「人工呼吸器:8; 吸引器:12」のように書いてください（電源なしで止まる機器は 0）",
                        "give one value per device in the battery column, separated by \";\", or write \"ventilator:8; suction:12\" (0 for a device that stops at once)",
                    )),
                );
                r.push(header, p);
                None
            }
        };
        match (kind, hours) {
            (Some(kind), Some(battery_hours)) => out.push(Device {
                kind,
                battery_hours,
                ..Device::default()
            }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

fn family_covers(r: &mut Row<'_, '_>) -> Option<Vec<crate::scenario::CareCategory>> {
    let (header, raw) = r.get(Field::FamilyCovers)?;
    if is_none_word(raw) {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    let mut ok = true;
    for item in list_items(raw) {
        match CARE.lookup(item) {
            Ok(c) if !out.contains(&c) => out.push(c),
            Ok(_) => {}
            Err(u) => {
                let p = unknown_word(&CARE, item, u.suggestion);
                r.push(header, p);
                ok = false;
            }
        }
    }
    ok.then_some(out)
}
