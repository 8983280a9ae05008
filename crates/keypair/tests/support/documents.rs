//! The exact documents the crate must send, written out by hand (not rendered by the code
//! under test), with the keypair selection as a parameter.

pub const MODIFY: &str = "mutation ModifyKeypair($access_key: String!, $input: ModifyKeyPairInput!) { modify_keypair(access_key: $access_key, props: $input) { ok msg } }";

pub const DELETE: &str =
    "mutation DeleteKeypair($access_key: String!) { delete_keypair(access_key: $access_key) { ok msg } }";

/// The Python SDK's default fields of `list` and `paginated_list`.
pub const LIST_FIELDS: &str = "user_id access_key secret_key is_active is_admin created_at";
/// The Python SDK's default fields of `info`.
pub const DETAIL_FIELDS: &str = "user_id access_key secret_key is_active is_admin";
/// The Python SDK's default fields of `create`.
pub const RESULT_FIELDS: &str = "access_key secret_key";

pub fn create(selection: &str) -> String {
    format!("mutation CreateKeypair($user_id: String!, $input: KeyPairInput!) {{ create_keypair(user_id: $user_id, props: $input) {{ ok msg keypair {{ {selection} }} }} }}")
}

pub fn keypairs(selection: &str) -> String {
    format!("query Keypairs($email: String, $is_active: Boolean, $domain_name: String) {{ keypairs(email: $email, is_active: $is_active, domain_name: $domain_name) {{ {selection} }} }}")
}

pub fn keypair(selection: &str) -> String {
    format!("query Keypair($access_key: String, $domain_name: String) {{ keypair(access_key: $access_key, domain_name: $domain_name) {{ {selection} }} }}")
}

pub fn keypair_list(selection: &str) -> String {
    format!("query KeypairList( $limit: Int! $offset: Int! $is_active: Boolean $domain_name: String $email: String $filter: String $order: String ) {{ keypair_list( limit: $limit offset: $offset is_active: $is_active domain_name: $domain_name email: $email filter: $filter order: $order ) {{ items {{ {selection} }} total_count }} }}")
}

pub fn keypair_list_legacy(selection: &str) -> String {
    format!("query KeypairListLegacy( $limit: Int! $offset: Int! $is_active: Boolean $domain_name: String $email: String ) {{ keypair_list( limit: $limit offset: $offset is_active: $is_active domain_name: $domain_name email: $email ) {{ items {{ {selection} }} total_count }} }}")
}
