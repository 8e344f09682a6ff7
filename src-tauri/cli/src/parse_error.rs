//! clap's refusals of a command line, told in Chinese: each error kind becomes a sentence
//! built from what clap recorded about it (the argument, the value, the choices), never from
//! clap's English text. `--help` and `--version` print as clap has them.
use std::ffi::OsString;
use std::num::{IntErrorKind, ParseIntError};

use clap::error::{ContextKind, ContextValue, ErrorKind as Kind};
use zhibu_core::{Error, ErrorKind};

pub enum Refusal {
    /// `--help`, `--version`: clap prints them, the exit code is 0.
    Shown,
    /// Wrong usage: the Chinese message and the command whose `--help` to point to.
    Usage { error: Error, command: String },
}

pub fn refusal(e: &clap::Error, root: &clap::Command, args: &[OsString]) -> Refusal {
    if matches!(e.kind(), Kind::DisplayHelp | Kind::DisplayVersion) {
        // A reader that closed early is nobody to tell (see `out`).
        let _ = e.print();
        return Refusal::Shown;
    }
    let (path, cmd) = command_of(root, args);
    // Through the core's error, so that echoed input shows its invisible characters escaped.
    Refusal::Usage {
        error: Error::new(ErrorKind::Invalid, message(e, cmd)),
        command: path.join(" "),
    }
}

fn message(e: &clap::Error, cmd: &clap::Command) -> String {
    // `--step 的值`, but `编号的值`.
    let arg = || match arg_name(&text(e, ContextKind::InvalidArg)) {
        a if a.starts_with('-') => a + " ",
        a => a,
    };
    let value = || text(e, ContextKind::InvalidValue);
    match e.kind() {
        Kind::UnknownArgument => {
            let mut m = format!("无法识别的参数 {}", text(e, ContextKind::InvalidArg));
            if let Some(s) = strings(e, ContextKind::SuggestedArg).first() {
                m.push_str(&format!("，是不是要用 {s}？"));
            }
            m
        }
        Kind::InvalidSubcommand => {
            let mut m = format!("无法识别的命令 {}", text(e, ContextKind::InvalidSubcommand));
            if let Some(s) = strings(e, ContextKind::SuggestedSubcommand).first() {
                m.push_str(&format!("，是不是要用 {s}？"));
            }
            m
        }
        Kind::MissingSubcommand | Kind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let subcommands: Vec<&str> = cmd
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .map(clap::Command::get_name)
                .collect();
            if subcommands.is_empty() {
                "缺少必需的参数".into()
            } else {
                format!("缺少要执行的命令，可用的有：{}", subcommands.join("、"))
            }
        }
        Kind::MissingRequiredArgument => {
            let missing: Vec<String> = strings(e, ContextKind::InvalidArg)
                .iter()
                .map(|a| arg_name(a))
                .collect();
            let colon = if missing.iter().all(|a| a.starts_with('-')) {
                " "
            } else {
                "："
            };
            format!("缺少必需的参数{colon}{}", missing.join("、"))
        }
        Kind::InvalidValue if value().is_empty() => format!("{}的值不能为空", arg()),
        Kind::InvalidValue => {
            let mut m = format!("{}的值“{}”无效", arg(), value());
            let valid = strings(e, ContextKind::ValidValue);
            if !valid.is_empty() {
                m.push_str(&format!("，可选：{}", valid.join("、")));
            }
            if let Some(s) = strings(e, ContextKind::SuggestedValue).first() {
                m.push_str(&format!("，是不是要用“{s}”？"));
            }
            m
        }
        Kind::ValueValidation => {
            format!("{}的值“{}”无效：{}", arg(), value(), reason(e, &value()))
        }
        Kind::NoEquals => {
            let name = arg_name(&text(e, ContextKind::InvalidArg));
            format!("{name} 的值要用等号连着写，如 {name}=值")
        }
        Kind::TooManyValues => format!("{}不需要这个值：“{}”", arg(), value()),
        Kind::TooFewValues => format!(
            "{}至少要有{}个值，只给了{}个",
            arg(),
            number(e, ContextKind::MinValues),
            number(e, ContextKind::ActualNumValues)
        ),
        Kind::WrongNumberOfValues => format!(
            "{}要有{}个值，给了{}个",
            arg(),
            number(e, ContextKind::ExpectedNumValues),
            number(e, ContextKind::ActualNumValues)
        ),
        Kind::ArgumentConflict => {
            let prior: Vec<String> = strings(e, ContextKind::PriorArg)
                .iter()
                .map(|a| arg_name(a))
                .collect();
            let this = match text(e, ContextKind::InvalidArg) {
                a if a.is_empty() => text(e, ContextKind::InvalidSubcommand),
                a => arg_name(&a),
            };
            if prior.is_empty() || prior.contains(&this) {
                format!("{this} 只能填写一次")
            } else {
                format!("{this} 不能与 {} 同时使用", prior.join("、"))
            }
        }
        Kind::InvalidUtf8 => "参数中有无法识别的字符（不是 UTF-8 编码的文字）".into(),
        _ => "命令行参数不正确".into(),
    }
}

/// Why a value was refused: the whole numbers are the only values clap itself parses here.
fn reason(e: &clap::Error, value: &str) -> &'static str {
    use std::error::Error as _;
    match e.source().and_then(|s| s.downcast_ref::<ParseIntError>()) {
        Some(p) => match p.kind() {
            IntErrorKind::Empty => "不能为空",
            IntErrorKind::InvalidDigit => "应为不带小数的数字",
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => "数字超出了允许的范围",
            _ => "不是有效的数字",
        },
        // clap's own range check (a `u8` refusing 300) has no type of its own to ask.
        None if value.trim().parse::<i128>().is_ok() => "数字超出了允许的范围",
        None => "格式不正确",
    }
}

/// `--name <NAME>` → `--name`; a positional `<FILE>` → what it is, in Chinese.
fn arg_name(rendered: &str) -> String {
    if rendered.starts_with('-') {
        return rendered
            .split_whitespace()
            .next()
            .unwrap_or(rendered)
            .to_string();
    }
    let placeholder = rendered.trim_end_matches("...");
    match placeholder {
        "<FILE>" => "文件路径".into(),
        "<OUT>" => "要保存的文件路径".into(),
        "<ID>" => "编号".into(),
        other => other.into(),
    }
}

fn text(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}

fn number(e: &clap::Error, kind: ContextKind) -> isize {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => *n,
        _ => 0,
    }
}

/// The (sub)command the words on the command line name, for "用 zhibu member add --help".
fn command_of<'a>(root: &'a clap::Command, args: &[OsString]) -> (Vec<String>, &'a clap::Command) {
    let mut cmd = root;
    let mut path = vec![root.get_name().to_string()];
    for word in args.iter().skip(1) {
        let Some(word) = word.to_str() else { continue };
        if word == "--" {
            break;
        }
        if let Some(sub) = cmd.find_subcommand(word) {
            cmd = sub;
            path.push(sub.get_name().to_string());
        }
    }
    (path, cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds no argument of `zhibu` can meet today (a real command line checks the
    /// others, in `tests/messages.rs`), built the way clap builds them.
    #[test]
    fn kinds_the_current_arguments_cannot_meet_are_told_in_chinese_too() {
        let root = clap::Command::new("zhibu");
        let arg = |kind: Kind, context: Vec<(ContextKind, ContextValue)>| {
            let mut e = clap::Error::new(kind);
            for (k, v) in context {
                e.insert(k, v);
            }
            message(&e, &root)
        };
        let name = || {
            (
                ContextKind::InvalidArg,
                ContextValue::String("--month <MONTH>".into()),
            )
        };
        let cases = [
            (
                arg(Kind::NoEquals, vec![name()]),
                "--month 的值要用等号连着写，如 --month=值",
            ),
            (
                arg(
                    Kind::TooFewValues,
                    vec![
                        name(),
                        (ContextKind::MinValues, ContextValue::Number(2)),
                        (ContextKind::ActualNumValues, ContextValue::Number(1)),
                    ],
                ),
                "--month 至少要有2个值，只给了1个",
            ),
            (
                arg(
                    Kind::WrongNumberOfValues,
                    vec![
                        name(),
                        (ContextKind::ExpectedNumValues, ContextValue::Number(3)),
                        (ContextKind::ActualNumValues, ContextValue::Number(2)),
                    ],
                ),
                "--month 要有3个值，给了2个",
            ),
            (
                arg(
                    Kind::InvalidValue,
                    vec![
                        name(),
                        (
                            ContextKind::InvalidValue,
                            ContextValue::String("13x".into()),
                        ),
                        (
                            ContextKind::ValidValue,
                            ContextValue::Strings(vec!["1".into(), "12".into()]),
                        ),
                        (
                            ContextKind::SuggestedValue,
                            ContextValue::String("12".into()),
                        ),
                    ],
                ),
                "--month 的值“13x”无效，可选：1、12，是不是要用“12”？",
            ),
            (
                arg(
                    Kind::ArgumentConflict,
                    vec![
                        name(),
                        (ContextKind::PriorArg, ContextValue::String("--all".into())),
                    ],
                ),
                "--month 不能与 --all 同时使用",
            ),
            (arg(Kind::MissingSubcommand, vec![]), "缺少必需的参数"),
            (arg(Kind::Io, vec![]), "命令行参数不正确"),
            (arg(Kind::Format, vec![]), "命令行参数不正确"),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }
}
