//! The `backend-ai` binary takes any command line without crashing: it exits 0, 1 or 2,
//! and its output never shows the secret key it was given. Commands that parse go to a
//! loopback server that answers every request at once with a 500, so nothing real is
//! reached and no case waits.

mod reliability_support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::OnceLock;

use proptest::prelude::*;
use reliability_support::cli::{self, Target};

/// The secret `Target::Endpoint` gives the binary.
const GIVEN_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// `http://127.0.0.1:<port>` of a server that answers anything with a 500 and hangs up.
fn failing_endpoint() -> &'static str {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    ENDPOINT.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let address = listener.local_addr().expect("an address");
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut request = [0u8; 16 * 1024];
                let _ = stream.read(&mut request);
                let _ = stream.write_all(
                    b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nContent-Length: 9\r\nConnection: close\r\n\r\n<b>no</b>",
                );
            }
        });
        format!("http://{address}")
    })
}

const WORDS: [&str; 48] = [
    "admin",
    "keypair",
    "info",
    "list",
    "add",
    "update",
    "delete",
    "activate",
    "deactivate",
    "--output",
    "json",
    "console",
    "-v",
    "-vvv",
    "--limit",
    "--offset",
    "--fields",
    "--filter",
    "--order",
    "--all",
    "-u",
    "--user-id",
    "--is-active",
    "--access-key",
    "-r",
    "--rate-limit",
    "--resource-policy",
    "--is-admin",
    "-a",
    "-i",
    "--inactive",
    "--skip-sslcert-validation",
    "user2@bai.test",
    "default",
    "AKIAIOSFODNN7EXAMPLE",
    "0",
    "-1",
    "100",
    "2147483648",
    "true",
    "maybe",
    "access_key,secret_key",
    "",
    "--",
    "=",
    "-",
    "--help",
    "--version",
];

/// Command lines: mostly the binary's own words, in any order, with odd text between.
fn any_command_line() -> impl Strategy<Value = Vec<String>> {
    let word = prop_oneof![
        6 => prop::sample::select(&WORDS[..]).prop_map(String::from),
        1 => "\\PC{0,12}",
        1 => "[^\\x00]{0,8}",
        1 => "--[a-z-]{1,12}(=\\PC{0,6})?",
    ];
    prop_oneof![
        // Usually a plausible start, so that deeper parsing is reached.
        3 => prop::collection::vec(word.clone(), 0..6).prop_map(|rest| {
            let mut line = vec!["admin".to_string(), "keypair".to_string()];
            line.extend(rest);
            line
        }),
        1 => prop::collection::vec(word, 0..8),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_command_line_exits_0_1_or_2_without_crashing_or_showing_the_secret(
        args in any_command_line(),
    ) {
        let run = cli::run(Target::Endpoint(failing_endpoint()), &args, &[]);
        prop_assert!(!run.crashed(), "{:?} crashed: {}", args, run.stderr);
        prop_assert!(matches!(run.code, Some(0..=2)), "{:?} exited {:?}: {}", args, run.code, run.stderr);
        if run.code == Some(2) {
            prop_assert!(run.stdout.is_empty(), "{:?}: a usage error printed results", args);
        }
        prop_assert!(!run.stdout.contains(GIVEN_SECRET) && !run.stderr.contains(GIVEN_SECRET), "{:?} showed the secret", args);
    }
}
