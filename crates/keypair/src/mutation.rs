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
        Some(false) => Err(Error::Rejected { action, msg }),
        None => Err(Error::decode(action.mutation(), DecodeError::MissingOk)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
