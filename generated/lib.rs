//! Golden output of specgen, compiled so that a regression in generated code fails the build.
//! Rewritten by `SPECGEN_BLESS=1 cargo test -p specgen --test golden`; do not edit.

#![deny(warnings)]

#[rustfmt::skip]
#[path = "bitgo_evs_kyc.rs"]
pub mod bitgo_evs_kyc;

#[rustfmt::skip]
#[path = "paxos_identity_v2_revised.rs"]
pub mod paxos_identity_v2_revised;

#[rustfmt::skip]
#[path = "paxos_identity_v2.rs"]
pub mod paxos_identity_v2;

#[rustfmt::skip]
#[path = "fixtures/all_of.rs"]
pub mod fixture_all_of;

#[rustfmt::skip]
#[path = "fixtures/any_of.rs"]
pub mod fixture_any_of;

#[rustfmt::skip]
#[path = "fixtures/binary_bodies.rs"]
pub mod fixture_binary_bodies;

#[rustfmt::skip]
#[path = "fixtures/created_no_content.rs"]
pub mod fixture_created_no_content;

#[rustfmt::skip]
#[path = "fixtures/default_response.rs"]
pub mod fixture_default_response;

#[rustfmt::skip]
#[path = "fixtures/defaults.rs"]
pub mod fixture_defaults;

#[rustfmt::skip]
#[path = "fixtures/deprecated.rs"]
pub mod fixture_deprecated;

#[rustfmt::skip]
#[path = "fixtures/enum_names.rs"]
pub mod fixture_enum_names;

#[rustfmt::skip]
#[path = "fixtures/error_statuses.rs"]
pub mod fixture_error_statuses;

#[rustfmt::skip]
#[path = "fixtures/external_ref.rs"]
pub mod fixture_external_ref;

#[rustfmt::skip]
#[path = "fixtures/field_names.rs"]
pub mod fixture_field_names;

#[rustfmt::skip]
#[path = "fixtures/form_urlencoded.rs"]
pub mod fixture_form_urlencoded;

#[rustfmt::skip]
#[path = "fixtures/formats.rs"]
pub mod fixture_formats;

#[rustfmt::skip]
#[path = "fixtures/header_cookie_params.rs"]
pub mod fixture_header_cookie_params;

#[rustfmt::skip]
#[path = "fixtures/json_input.rs"]
pub mod fixture_json_input;

#[rustfmt::skip]
#[path = "fixtures/maps.rs"]
pub mod fixture_maps;

#[rustfmt::skip]
#[path = "fixtures/missing_operation_id.rs"]
pub mod fixture_missing_operation_id;

#[rustfmt::skip]
#[path = "fixtures/multipart.rs"]
pub mod fixture_multipart;

#[rustfmt::skip]
#[path = "fixtures/nested_inline_objects.rs"]
pub mod fixture_nested_inline_objects;

#[rustfmt::skip]
#[path = "fixtures/nullable.rs"]
pub mod fixture_nullable;

#[rustfmt::skip]
#[path = "fixtures/one_of_discriminator_mapping.rs"]
pub mod fixture_one_of_discriminator_mapping;

#[rustfmt::skip]
#[path = "fixtures/one_of_discriminator.rs"]
pub mod fixture_one_of_discriminator;

#[rustfmt::skip]
#[path = "fixtures/one_of_untagged.rs"]
pub mod fixture_one_of_untagged;

#[rustfmt::skip]
#[path = "fixtures/openapi31.rs"]
pub mod fixture_openapi31;

#[rustfmt::skip]
#[path = "fixtures/param_and_body_shapes.rs"]
pub mod fixture_param_and_body_shapes;

#[rustfmt::skip]
#[path = "fixtures/patch_tri_state.rs"]
pub mod fixture_patch_tri_state;

#[rustfmt::skip]
#[path = "fixtures/problem_json.rs"]
pub mod fixture_problem_json;

#[rustfmt::skip]
#[path = "fixtures/query_params.rs"]
pub mod fixture_query_params;

#[rustfmt::skip]
#[path = "fixtures/recursion.rs"]
pub mod fixture_recursion;

#[rustfmt::skip]
#[path = "fixtures/ref_reuse.rs"]
pub mod fixture_ref_reuse;

#[rustfmt::skip]
#[path = "fixtures/sensitive.rs"]
pub mod fixture_sensitive;

#[rustfmt::skip]
#[path = "fixtures/status_range.rs"]
pub mod fixture_status_range;

#[rustfmt::skip]
#[path = "fixtures/text_plain.rs"]
pub mod fixture_text_plain;

#[rustfmt::skip]
#[path = "fixtures/two_media_types.rs"]
pub mod fixture_two_media_types;
