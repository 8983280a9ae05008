//! [`Owner`]: the filters by owner that `keypairs` and `keypair_list` share.

use crate::{input, Error};

/// Which owners' keypairs a listing asks for; every part optional.
#[derive(Debug, Clone, Default)]
pub(crate) struct Owner {
    /// The owner's email (`email:` on the server).
    pub(crate) user_id: Option<String>,
    pub(crate) is_active: Option<bool>,
    pub(crate) domain_name: Option<String>,
}

/// The filters, checked, as the variables take them.
pub(crate) struct OwnerVariables {
    pub(crate) email: Option<String>,
    pub(crate) is_active: Option<bool>,
    pub(crate) domain_name: Option<String>,
}

impl Owner {
    /// The filters, each text checked before anything is sent.
    pub(crate) fn variables(&self) -> Result<OwnerVariables, Error> {
        Ok(OwnerVariables {
            email: input::optional_text("user email", self.user_id.as_deref())?,
            is_active: self.is_active,
            domain_name: input::optional_text("domain name", self.domain_name.as_deref())?,
        })
    }
}
