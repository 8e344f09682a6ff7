//! What the secretary reads in the terminal: Chinese for every refusal, wrong usage included,
//! no raw invisible characters, and no panic when the reader of the output stops early.
mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{text, zhibu};

/// clap's own English, which must never reach the secretary.
const CLAP_ENGLISH: [&str; 8] = [
    "error:",
    "Usage",
    "unexpected",
    "required",
    "invalid",
    "tip:",
    "For more information",
    "found",
];

#[test]
fn wrong_usage_is_told_in_chinese_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    let cases: [(&[&str], &str); 16] = [
        (&[], "缺少要执行的命令，可用的有：init、demo、member"),
        (
            &["member"],
            "缺少要执行的命令，可用的有：add、transfer、receipt、list",
        ),
        (&["member", "list", "--foo"], "无法识别的参数 --foo"),
        (&["init", "--branch", "测试", "多余"], "无法识别的参数 多余"),
        (
            &["member", "add", "--id", "1", "--category", "full"],
            "缺少必需的参数 --name",
        ),
        (&["dues", "pay", "--all"], "缺少必需的参数 --month"),
        (&["backup", "export"], "缺少必需的参数：要保存的文件路径"),
        (
            &["development", "record", "--member", "张三", "--step", "x"],
            "--step 的值“x”无效：应为不带小数的数字",
        ),
        (
            &["development", "record", "--member", "张三", "--step", "300"],
            "--step 的值“300”无效：数字超出了允许的范围",
        ),
        (
            &["print", "meeting", "abc", "--pdf", "x.pdf"],
            "编号的值“abc”无效",
        ),
        (&["member", "list", "--order"], "--order 的值不能为空"),
        (
            &["member", "list", "--json=yes"],
            "--json 不需要这个值：“yes”",
        ),
        (
            &["member", "list", "--search", "a", "--search", "b"],
            "--search 只能填写一次",
        ),
        (&["dues", "record"], "无法识别的命令 record"),
        (
            &["membr", "list"],
            "无法识别的命令 membr，是不是要用 member？",
        ),
        (
            &["backup", "open", "x.zhibu"],
            "缺少要执行的命令，可用的有：member、meeting",
        ),
    ];
    for (args, want) in cases {
        let out = zhibu(&db, args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(err.contains("--help 查看用法"), "{args:?}: {err}");
        for english in CLAP_ENGLISH {
            assert!(!err.contains(english), "{args:?}: {err}");
        }
    }
    // It names the command whose help to read.
    let out = zhibu(&db, &["member", "add", "--bogus"]);
    assert!(text(&out.stderr).contains("用 zhibu member add --help 查看用法"));
    // Words that are not text at all (not UTF-8).
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
            .arg("--db")
            .arg(&db)
            .args(["member", "list", "--search"])
            .arg(std::ffi::OsStr::from_bytes(b"\xff\xfe"))
            .env_remove("ZHIBU_DB")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains("不是 UTF-8 编码"));
    }
    // Asking for help is no error.
    for args in [
        &["--help"][..],
        &["member", "add", "--help"],
        &["--version"],
    ] {
        let out = zhibu(&db, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stdout.is_empty());
    }
}

#[test]
fn a_reader_that_stops_after_one_line_ends_the_listing_quietly() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("scale.db");
    // Longer than a pipe holds (64 KiB), so `zhibu` is still writing when the reader leaves.
    let made = zhibu(&db, &["demo", "--scale", "1000", "--years", "1"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("--db")
        .arg(&db)
        .args(["member", "list"])
        .env_remove("ZHIBU_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zhibu");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("one line");
    assert!(first.starts_with("序号\t姓名"), "{first}");
    // The reader is dropped here: the pipe is closed.
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "no message, no panic");
}

#[test]
fn output_to_an_already_closed_reader_is_dropped_quietly() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    assert!(zhibu(&db, &["demo"]).status.success());
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    for args in [
        &["member", "list"][..],
        &["member", "list", "--json"],
        &["check"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("ZHIBU_DB")
            .stdout(writer.try_clone().expect("pipe"))
            .output()
            .expect("run zhibu");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn invisible_characters_from_the_command_line_come_back_escaped() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    assert!(zhibu(&db, &["init", "--branch", "中共测试支部委员会"])
        .status
        .success());
    let cases: [(&[&str], &str); 3] = [
        // A name the roster refuses, and says which character.
        (
            &[
                "member",
                "add",
                "--name",
                "张\u{202E}三",
                "--id",
                "11010519491231002X",
                "--category",
                "full",
                "--joined",
                "1975-01-01",
            ],
            "姓名中不能有“\\u{202E}”",
        ),
        // A name echoed back from the meeting's attendance.
        (
            &[
                "meeting",
                "add",
                "--kind",
                "theme_day",
                "--date",
                "2026-03-12",
                "--absent",
                "赵\u{202E}六\u{200B}",
            ],
            "赵\\u{202E}六\\u{200B}不在",
        ),
        // An argument clap does not know.
        (&["member", "list", "--fo\u{202E}o"], "--fo\\u{202E}o"),
    ];
    for (args, want) in cases {
        let out = zhibu(&db, args);
        let err = text(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(
            !err.contains(['\u{202E}', '\u{200B}']),
            "{args:?}: raw in {err:?}"
        );
    }
}
