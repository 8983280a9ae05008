//! `backend-ai completions SHELL` prints clap's completion script, with no configuration.

use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_backend-ai"))
        .args(args)
        .env_clear()
        .output()
        .unwrap()
}

#[test]
fn each_shell_gets_a_script_that_knows_the_commands() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef backend-ai"),
        ("fish", "complete -c backend-ai"),
    ] {
        let output = run(&["completions", shell]);
        let script = String::from_utf8(output.stdout).unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        assert!(script.contains(marker), "{shell}: {script}");
        for word in ["admin", "keypair", "deactivate"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = run(&["completions", "cmd.exe"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}
