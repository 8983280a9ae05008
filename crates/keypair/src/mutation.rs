//! [`Mutation`]: the one model for every mutation's answer.

use crate::error::DecodeError;
use crate::{Action, Error};

/// A mutation the manager accepted (`ok: true`). A refused one (`ok: false`) is
/// [`Error::Rejected`] with the manager's `msg`, for every mutation alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mutation {
    /// The manager's message (`"success"`).
    pub msg: String,
}

/// Reads `ok` and `msg` of a mutation result.
pub(crate) fn outcome(
    action: Action,
    ok: Option<bool>,
    msg: Option<String>,
) -> Result<Mutation, Error> {
    let msg = msg.unwrap_or_default();
    match ok {
        Some(true) => Ok(Mutation { msg }),
        Some(false) => Err(Error::Rejected {
            action,
            msg: withhold_row_details(msg),
        }),
        None => Err(Error::decode(action.mutation(), DecodeError::MissingOk)),
    }
}

/// The manager's database errors (`integrity error: …`) go on, after their first line,
/// with the failing row and the SQL parameters: for a refused `create_keypair` these hold
/// the generated secret key and SSH private key. Only the first line is kept.
fn withhold_row_details(msg: String) -> String {
    match msg.split_once('\n') {
        Some((first, rest)) if rest.contains("DETAIL:") || rest.contains("[parameters:") => {
            format!("{first} (the failing row and SQL parameters are withheld: they may hold credentials)")
        }
        _ => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_errors_lose_the_row_and_parameters() {
        let raw = "integrity error: (IntegrityError) null value in column \"user\"\n\
                   DETAIL:  Failing row contains (a@b.c, AKIAX, s3cr3t-generated, t).\n\
                   [SQL: INSERT INTO keypairs ...]\n[parameters: ('a@b.c', 'AKIAX', 's3cr3t-generated')]";
        let err = outcome(Action::Create, Some(false), Some(raw.into())).unwrap_err();
        let msg = err.rejection_msg().unwrap();
        assert!(msg.starts_with("integrity error: (IntegrityError) null value in column \"user\""));
        assert!(msg.contains("withheld"), "{msg}");
        assert!(
            !msg.contains("s3cr3t-generated") && !msg.contains('\n'),
            "{msg}"
        );
        // Ordinary messages pass unchanged.
        let err = outcome(
            Action::Update,
            Some(false),
            Some("no matching modifykeypair".into()),
        );
        assert_eq!(
            err.unwrap_err().rejection_msg(),
            Some("no matching modifykeypair")
        );
    }

    #[test]
    fn ok_flag_decides() {
        assert_eq!(
            outcome(Action::Update, Some(true), Some("success".into())).unwrap(),
            Mutation {
                msg: "success".into()
            }
        );
        let err = outcome(
            Action::Delete,
            Some(false),
            Some("no matching deletekeypair".into()),
        )
        .unwrap_err();
        assert_eq!(err.rejection_msg(), Some("no matching deletekeypair"));
        assert_eq!(
            err.to_string(),
            "the manager refused to delete the keypair: no matching deletekeypair"
        );
        let err = outcome(Action::Activate, None, None).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Decode {
                    operation: "modify_keypair",
                    source: DecodeError::MissingOk
                }
            ),
            "{err:?}"
        );
    }
}
