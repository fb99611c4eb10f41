//! Roster import (engine/src/import): the shipped sheets in both encodings, every bad cell
//! reported, header aliases, normalisation, pseudonyms, merging into a scenario, templates.

use bcpsim_engine::import::splice::target_agency;
use bcpsim_engine::import::{
    Encoding, ImportOptions, NameMode, SheetKind, import_patients, import_staff, merge_into,
    patients_ron, staff_ron, template,
};
use bcpsim_engine::load::load_scenario;
use bcpsim_engine::scenario::{
    CareCategory, CommuteMode, DeviceKind, PriorityClass, Role, VisitMode,
};

const STAFF_UTF8_BOM: &[u8] = include_bytes!("../../scenarios/rosters/staff-utf8-bom.csv");
const PATIENTS_SJIS: &[u8] = include_bytes!("../../scenarios/rosters/patients-shift_jis.csv");

fn opts(agency: &str) -> ImportOptions {
    ImportOptions {
        agency: agency.into(),
        ..ImportOptions::default()
    }
}

fn sjis(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "test text must be encodable");
    bytes.into_owned()
}

#[test]
fn shipped_staff_sheet_reads_with_bom_title_row_and_normalisation() {
    assert!(STAFF_UTF8_BOM.starts_with(b"\xEF\xBB\xBF"));
    let got = import_staff(STAFF_UTF8_BOM, &opts("station")).expect("valid sheet");
    assert_eq!(got.encoding, Encoding::Utf8);
    assert_eq!(got.members.len(), 9);
    let s06 = &got.members[5];
    assert_eq!(s06.id, "s06");
    assert_eq!(s06.commute, CommuteMode::Motorbike, "ﾊﾞｲｸ is バイク");
    assert!(s06.small_children);
    let s07 = &got.members[6];
    assert_eq!(s07.home_km, 3.5, "３.５ is 3.5");
    assert_eq!(s07.commute, CommuteMode::PublicTransport, "バス");
    assert_eq!(got.members[3].role, Role::CareManager, "ケアマネ");
    assert!(got.members[7].dependent_care);
    assert!(
        got.members.iter().all(|m| m.name.is_none()),
        "names are dropped by default"
    );
}

#[test]
fn shipped_patient_sheet_is_shift_jis_and_reads_devices_and_needs() {
    assert!(
        String::from_utf8(PATIENTS_SJIS.to_vec()).is_err(),
        "the fixture really is Shift_JIS"
    );
    let got = import_patients(PATIENTS_SJIS, &opts("station")).expect("valid sheet");
    assert_eq!(got.encoding, Encoding::ShiftJis);
    assert_eq!(got.members.len(), 8);
    let p003 = &got.members[2];
    assert_eq!(p003.class, PriorityClass::A);
    let kinds: Vec<_> = p003
        .devices
        .iter()
        .map(|d| (d.kind, d.battery_hours))
        .collect();
    assert_eq!(
        kinds,
        vec![(DeviceKind::Ventilator, 16.0), (DeviceKind::Suction, 12.0)]
    );
    let p005 = &got.members[4];
    let needs: Vec<_> = p005
        .needs
        .iter()
        .map(|n| (n.category, n.every_hours))
        .collect();
    assert_eq!(
        needs,
        vec![
            (CareCategory::MedicalCare, 168),
            (CareCategory::Excretion, 336)
        ]
    );
    assert_eq!(
        p005.family_covers,
        vec![CareCategory::Excretion, CareCategory::Meals]
    );
    assert!(!got.members[3].has_phone, "× means no phone");
    assert_eq!(
        got.members[7].zone, None,
        "an empty 地区 is the agency's zone"
    );
    assert_eq!(got.members[7].needs[0].every_hours, 168, "週1回");
}

#[test]
fn shift_jis_built_here_reads_the_same_as_utf8() {
    let text = "氏名,職種,距離,通勤手段\r\n髙橋 ①子,看護師,2,自転車\r\n";
    let a = import_staff(&sjis(text), &opts("st")).expect("sjis");
    let b = import_staff(text.as_bytes(), &opts("st")).expect("utf8");
    assert_eq!(a.encoding, Encoding::ShiftJis);
    assert_eq!(a.members, b.members);
    assert_eq!(a.members[0].id, "st-s01", "generated id");
    // Chosen explicitly, the wrong encoding is an error, not mojibake.
    let wrong = ImportOptions {
        encoding: Some(Encoding::Utf8),
        ..opts("st")
    };
    let err = import_staff(&sjis(text), &wrong).expect_err("not UTF-8");
    assert_eq!(err.problems[0].code, "encoding");
}

#[test]
fn every_bad_cell_is_reported_with_row_and_column() {
    let text = "\
氏名,職種,自宅からの距離(km),通勤手段,訪問手段,小学生以下の子
A,看護師,約3,自転,自転車,
B,ナース,-1,徒歩,ヘリ,○
C,看護師,2,徒歩,自転車,たぶん
D,看護師,3km,ﾊﾞｲｸ,,
E,,4,徒歩,,
";
    let err = import_staff(text.as_bytes(), &opts("st")).expect_err("bad cells");
    let got: Vec<(Option<usize>, Option<&str>, &str)> = err
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.code))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(2), Some("自宅からの距離(km)"), "not-a-number"),
            (Some(2), Some("通勤手段"), "unknown-value"),
            (Some(3), Some("職種"), "unknown-value"),
            (Some(3), Some("自宅からの距離(km)"), "negative"),
            (Some(3), Some("訪問手段"), "unknown-value"),
            (Some(4), Some("小学生以下の子"), "unknown-value"),
            (Some(6), Some("職種"), "missing-value"),
        ]
    );
    let commute = &err.problems[1];
    assert!(commute.message.contains("自転"), "{}", commute.message);
    assert!(
        commute
            .hint
            .as_deref()
            .unwrap()
            .contains("「自転車」のことですか"),
        "{:?}",
        commute.hint
    );
    assert!(commute.hint_en.as_deref().unwrap().contains("did you mean"));
    let rendered = err.render("staff.csv", bcpsim_engine::Lang::En);
    assert!(
        rendered.contains("staff.csv: row 2, column \"通勤手段\": unknown commute mode \"自転\""),
        "{rendered}"
    );
    assert!(
        rendered.contains("7 problems; nothing was written."),
        "{rendered}"
    );
    let ja = err.render("staff.csv", bcpsim_engine::Lang::Ja);
    assert!(
        ja.contains("staff.csv: 2行目「通勤手段」列: 通勤手段「自転」が分かりません"),
        "{ja}"
    );
}

#[test]
fn bad_patient_cells_are_all_reported() {
    let text = "\
利用者ID,優先度,距離,ケア,医療機器,バッテリー(時間),家族の代替,地区
p1,D,1,医療的ケア:48h,人工呼吸器,-2,,ward
p2,A,1,医療:たまに,酸素ボンベ,3,家族,ward
p3,高,1,,,5,,riverside
p1,低,1,リハビリ:2週,吸引器,,,
";
    let o = ImportOptions {
        zones: Some(vec!["ward".into(), "hill".into()]),
        ..opts("st")
    };
    let err = import_patients(text.as_bytes(), &o).expect_err("bad cells");
    let got: Vec<(Option<usize>, Option<&str>, &str)> = err
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.code))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(2), Some("優先度"), "unknown-value"),
            (Some(2), Some("バッテリー(時間)"), "negative"),
            (Some(3), Some("ケア"), "bad-interval"),
            (Some(3), Some("医療機器"), "unknown-value"),
            (Some(3), Some("家族の代替"), "unknown-value"),
            (Some(4), Some("地区"), "unknown-zone"),
            (Some(4), Some("バッテリー(時間)"), "battery-without-device"),
            (Some(5), Some("医療機器"), "missing-battery"),
            (Some(5), Some("利用者ID"), "duplicate-id"),
        ]
    );
}

#[test]
fn header_aliases_in_japanese_and_english_mean_the_same() {
    let ja = "職員ID,氏名,職種,BCP役割,自宅からの距離（ｋｍ）,通勤手段,訪問手段,小学生以下の子供,要援護の家族\n\
              a1,山田,看護師,責任者,1.5,車,訪問車,あり,なし\n";
    let en = "id,name,role,bcp_role,home_km,commute,visit_mode,small_children,dependent_care\n\
              a1,Yamada,nurse,leader,1.5,car,car,yes,no\n";
    let alt = "番号,名前,資格,役割,距離,通勤方法,訪問方法,子ども,要介護者\n\
               a1,山田,Ns,本部長,1.5km,マイカー,社用車,1,0\n";
    let a = import_staff(ja.as_bytes(), &opts("x")).expect("ja").members;
    let b = import_staff(en.as_bytes(), &opts("x")).expect("en").members;
    let c = import_staff(alt.as_bytes(), &opts("x"))
        .expect("alt")
        .members;
    assert_eq!(a, b);
    assert_eq!(a, c);
    assert_eq!(a[0].visit_mode, VisitMode::Car);
    assert!(a[0].small_children && !a[0].dependent_care);
}

#[test]
fn unknown_and_missing_headers_are_reported() {
    // An unknown column is said and not read; the sheet is imported.
    let text = "氏名,職種,通勤手段,自宅距離,通勤時間\nA,看護師,徒歩,1,10分\n";
    let got = import_staff(text.as_bytes(), &opts("x")).expect("an extra column is no refusal");
    assert_eq!(got.members.len(), 1);
    assert_eq!(got.warnings.len(), 1);
    assert_eq!(got.warnings[0].code, "unknown-column");
    assert_eq!(got.warnings[0].column.as_deref(), Some("通勤時間"));
    // A `#` header is the planner's own column.
    let ok = "氏名,職種,通勤手段,自宅距離,#通勤時間\nA,看護師,徒歩,1,10分\n";
    assert!(import_staff(ok.as_bytes(), &opts("x")).is_ok());
    let missing = "氏名,職種\nA,看護師\n";
    let err = import_staff(missing.as_bytes(), &opts("x")).expect_err("missing");
    let codes: Vec<_> = err.problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, vec!["missing-column"], "{:?}", err.problems);
    assert!(err.problems[0].message.contains("通勤手段"));
}

#[test]
fn pseudonyms_are_stable_keyed_and_hide_names() {
    let anon = |salt: &str| ImportOptions {
        names: NameMode::Anonymize { salt: salt.into() },
        ..opts("station")
    };
    let a = import_patients(PATIENTS_SJIS, &anon("secret"))
        .expect("a")
        .members;
    let b = import_patients(PATIENTS_SJIS, &anon("secret"))
        .expect("b")
        .members;
    let c = import_patients(PATIENTS_SJIS, &anon("other"))
        .expect("c")
        .members;
    assert_eq!(a, b, "same salt, same pseudonyms");
    assert_ne!(a[0].id, c[0].id, "another salt, other pseudonyms");
    assert!(a[0].id.starts_with("station-p-"), "{}", a[0].id);
    let ron = patients_ron(&a, "");
    for name in ["青木", "一郎", "原田", "p001"] {
        assert!(!ron.contains(name), "{name} leaked into {ron}");
    }
    // The same person in a reordered sheet keeps the pseudonym.
    let one = "氏名,優先度\n山田 花子,A\n鈴木 一,B\n";
    let two = "氏名,優先度\n鈴木 一,B\nﾔﾏﾀﾞ,C\n山田　花子,A\n";
    let x = import_patients(one.as_bytes(), &anon("k"))
        .expect("one")
        .members;
    let y = import_patients(two.as_bytes(), &anon("k"))
        .expect("two")
        .members;
    assert_eq!(x[0].id, y[2].id);
    assert_eq!(x[1].id, y[0].id);
    // Names are written only when asked for.
    let keep = ImportOptions {
        names: NameMode::Keep,
        ..opts("station")
    };
    let kept = import_staff(STAFF_UTF8_BOM, &keep).expect("keep").members;
    assert_eq!(kept[0].name.as_deref(), Some("高田 美咲"));
    assert!(staff_ron(&kept, "").contains("name: Some(\"高田 美咲\")"));
    let dropped = import_staff(STAFF_UTF8_BOM, &opts("station"))
        .expect("drop")
        .members;
    assert!(!staff_ron(&dropped, "").contains("高田"));
}

const SCENARIO: &str = "\u{feff}// A test station. Comments must survive the merge.
Scenario(
    name: \"import test\",
    time: (onset_weekday: Wed, onset_hour: 14, horizon_hours: 48),
    hazard: Earthquake(intensity: SixUpper),
    zones: [(id: \"ward\")], // one zone
    agencies: [
        (
            id: \"other\",
            kind: VisitingNurseStation,
            zone: \"ward\",
            staff: (average_working_per_day: 1, members: [(id: \"o1\", role: Nurse, home_km: 1.0, commute: Walk)]),
            plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.1), (hour: 6, share: 0.5)])),
        ),
        (
            id: \"station\",
            kind: VisitingNurseStation,
            zone: \"ward\", // the station's zone
            staff: (
                average_working_per_day: 9, // W
                /* block comment */
            ), // end of staff
            plan: (attendance: (mode: Curve, curve: [(hour: 0, share: 0.1), (hour: 6, share: 0.5)])),
        ),
    ],
)
";

#[test]
fn merging_keeps_comments_inserts_missing_sections_and_loads() {
    let which = target_agency(SCENARIO, None).expect_err("two agencies: --agency needed");
    assert_eq!(which.code, "which-agency", "{which:?}");
    assert!(
        target_agency(SCENARIO, Some("statoin"))
            .unwrap_err()
            .hint
            .unwrap()
            .contains("station")
    );
    let target = target_agency(SCENARIO, Some("station")).expect("agency");
    assert_eq!(target.index, 1);
    let o = ImportOptions {
        zones: Some(target.zones.clone()),
        ..opts(&target.id)
    };
    let staff = import_staff(STAFF_UTF8_BOM, &o).expect("staff").members;
    let patients = import_patients(PATIENTS_SJIS, &o)
        .expect("patients")
        .members;
    let merged = merge_into(SCENARIO, target.index, Some(&staff), Some(&patients)).expect("merge");
    for comment in [
        "// A test station. Comments must survive the merge.",
        "// one zone",
        "// the station's zone",
        "// W",
        "/* block comment */",
        "// end of staff",
    ] {
        assert!(merged.contains(comment), "lost {comment:?}:\n{merged}");
    }
    assert!(merged.starts_with('\u{feff}'), "the BOM stays");
    let scenario = load_scenario("merged.ron", &merged).unwrap_or_else(|e| panic!("{e}\n{merged}"));
    assert_eq!(scenario.agencies[1].staff.members, staff);
    assert_eq!(scenario.agencies[1].patients.members, patients);
    assert_eq!(
        scenario.agencies[0].staff.members.len(),
        1,
        "the other agency is untouched"
    );
    // Merging again replaces the lists rather than adding to them.
    let again = merge_into(&merged, 1, Some(&staff), Some(&patients[..1])).expect("again");
    let s = load_scenario("again.ron", &again).unwrap_or_else(|e| panic!("{e}\n{again}"));
    assert_eq!(
        s.agencies[1].staff.members.len(),
        9,
        "replaced, not appended"
    );
    assert_eq!(s.agencies[1].patients.members.len(), 1);
    assert!(again.contains("/* block comment */"));
    // Only the members lists changed: the text before the station's staff is identical.
    let cut = SCENARIO.find("average_working_per_day: 9").unwrap();
    assert_eq!(&again[..cut], &SCENARIO[..cut]);
}

#[test]
fn merging_into_the_shipped_sample_loads() {
    let text = bcpsim_engine::samples::SAMPLE_STATION;
    let target = target_agency(text, None).expect("one agency");
    let o = ImportOptions {
        zones: Some(target.zones.clone()),
        ..opts(&target.id)
    };
    let staff = import_staff(STAFF_UTF8_BOM, &o).expect("staff").members;
    let patients = import_patients(PATIENTS_SJIS, &o)
        .expect("patients")
        .members;
    let merged = merge_into(text, 0, Some(&staff), Some(&patients)).expect("merge");
    let s = load_scenario("merged.ron", &merged).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.agencies[0].patients.members.len(), 8);
    assert!(merged.contains(
        "// ---------------------------------------------------------------- patients (利用者)"
    ));
}

#[test]
fn templates_have_a_bom_and_the_headers_read_back() {
    for kind in [SheetKind::Staff, SheetKind::Patients] {
        let t = template(kind);
        assert!(t.starts_with(b"\xEF\xBB\xBF"));
        assert!(t.ends_with(b"\r\n"));
        let got = match kind {
            SheetKind::Staff => import_staff(&t, &opts("x")).map(|i| i.members.len()),
            SheetKind::Patients => import_patients(&t, &opts("x")).map(|i| i.members.len()),
        };
        assert_eq!(got, Ok(0), "an empty template is a valid empty sheet");
    }
    let staff = String::from_utf8(template(SheetKind::Staff)[3..].to_vec()).unwrap();
    assert_eq!(
        staff.trim_end(),
        "職員ID,氏名,職種,BCP役割,自宅からの距離(km),通勤手段,訪問手段,小学生以下の子,要介護の家族,同居家族,備考"
    );
    let patients = String::from_utf8(template(SheetKind::Patients)[3..].to_vec()).unwrap();
    assert_eq!(
        patients.trim_end(),
        "利用者ID,氏名,優先度,事業所からの距離(km),地区,ケア,医療機器,バッテリー(時間),家族の代替,電話,備考"
    );
}

#[test]
fn garbage_never_panics() {
    let inputs: [&[u8]; 6] = [
        b"",
        b"\xEF\xBB\xBF",
        b"\"unterminated,\n",
        b",,,,\n,,,\n",
        b"\x00\x01\x02",
        "氏名,職種,距離,通勤手段\n\"a\nb\",看護師,1e400,徒歩\n".as_bytes(),
    ];
    for bytes in inputs {
        let _ = import_staff(bytes, &opts("x"));
        let _ = import_patients(bytes, &opts("x"));
    }
    let err = import_staff(inputs[5], &opts("x")).expect_err("1e400 is not a plain number");
    assert_eq!(err.problems[0].code, "not-a-number");
}

#[test]
fn household_columns_give_the_assembly_exemptions() {
    // 004 §3-9: staff with children of primary-school age or below, or with family needing
    // care, are exempt from assembly. Sheets keep it in household columns.
    let text = "氏名,職種,自宅からの距離(km),通勤手段,同居家族,同居家族の要援護者,その他メモ\n\
                A,看護師,1,徒歩,\"夫、長男(8歳)\",なし,x\n\
                B,看護師,1,徒歩,妻・長女(15歳),母（要介護2）,y\n\
                C,看護師,1,徒歩,なし,,z\n\
                D,看護師,1,徒歩,父（認知症）,,\n";
    let got = import_staff(text.as_bytes(), &opts("x")).expect("household columns are read");
    let flags: Vec<(bool, bool)> = got
        .members
        .iter()
        .map(|m| (m.small_children, m.dependent_care))
        .collect();
    assert_eq!(
        flags,
        vec![(true, false), (false, true), (false, false), (false, true)]
    );
    assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    assert_eq!(got.warnings[0].column.as_deref(), Some("その他メモ"));
}
