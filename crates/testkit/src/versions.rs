//! The API versions each real manager generation accepts in `X-BackendAI-Version`, read
//! from the installed packages: `VALID_VERSIONS` in `ai/backend/manager/server.py` of
//! 23.9.10 and in `ai/backend/manager/api/rest/app.py` of 26.9.6.

use backendai_version::ApiVersion;

/// Manager 23.09.10, oldest first.
pub const ACCEPTED_BY_23: &[ApiVersion] = &[
    ApiVersion::V4_20181215,
    ApiVersion::V4_20190115,
    ApiVersion::V4_20190315,
    ApiVersion::V4_20190615,
    ApiVersion::V5_20191215,
    ApiVersion::V6_20200815,
    ApiVersion::V6_20210815,
    ApiVersion::V6_20220315,
    ApiVersion::V6_20220615,
    ApiVersion::V6_20230315,
    ApiVersion::V7_20230615,
];

/// Manager 26.9.6, oldest first: v6.20210815 (which added `/admin/gql`) is gone;
/// v6.20221201, the v8 and the v9 versions are added.
pub const ACCEPTED_BY_26: &[ApiVersion] = &[
    ApiVersion::V4_20181215,
    ApiVersion::V4_20190115,
    ApiVersion::V4_20190315,
    ApiVersion::V4_20190615,
    ApiVersion::V5_20191215,
    ApiVersion::V6_20200815,
    ApiVersion::V6_20220315,
    ApiVersion::V6_20220615,
    ApiVersion::V6_20221201,
    ApiVersion::V6_20230315,
    ApiVersion::V7_20230615,
    ApiVersion::V8_20240315,
    ApiVersion::V8_20240915,
    ApiVersion::V9_20250722,
];

/// The versions the manager of `generation` accepts, oldest first; `None` for a generation
/// the project does not run.
pub fn accepted_versions(generation: u32) -> Option<&'static [ApiVersion]> {
    match generation {
        23 => Some(ACCEPTED_BY_23),
        26 => Some(ACCEPTED_BY_26),
        _ => None,
    }
}
