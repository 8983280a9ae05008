//! Setters shared by the request builders, written once.

/// `fields(..)`: the keypair fields to return; `$default` names the call's default list.
macro_rules! fields_setter {
    ($default:literal) => {
        #[doc = concat!("The fields to return (default: `", $default, "`).")]
        pub fn fields<I>(mut self, fields: I) -> Self
        where
            I: IntoIterator,
            I::Item: std::borrow::Borrow<backendai_fields::FieldSpec>,
        {
            self.fields.set(fields);
            self
        }
    };
}

/// `user_id`, `is_active` and `domain_name`: the filters `keypairs` and `keypair_list` share.
macro_rules! owner_filters {
    () => {
        /// Only the keypairs of the user with this email (`email:` on the server).
        pub fn user_id(mut self, email: &str) -> Self {
            self.user_id = Some(email.to_owned());
            self
        }

        /// Only active (`true`) or inactive (`false`) keypairs.
        pub fn is_active(mut self, is_active: bool) -> Self {
            self.is_active = Some(is_active);
            self
        }

        /// Only keypairs of users in this domain.
        pub fn domain_name(mut self, domain_name: &str) -> Self {
            self.domain_name = Some(domain_name.to_owned());
            self
        }
    };
}

pub(crate) use {fields_setter, owner_filters};
