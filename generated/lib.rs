//! Golden output of specgen, compiled so that a regression in generated code fails the build.
//! Rewritten by `SPECGEN_BLESS=1 cargo test -p specgen --test golden`; do not edit.

#![deny(warnings)]

#[path = "bitgo_evs_kyc.rs"]
pub mod bitgo_evs_kyc;

#[path = "paxos_identity_v2_preview.rs"]
pub mod paxos_identity_v2_preview;

#[path = "paxos_identity_v2_revised.rs"]
pub mod paxos_identity_v2_revised;

#[path = "paxos_identity_v2.rs"]
pub mod paxos_identity_v2;

#[path = "fixtures/all_of.rs"]
pub mod fixture_all_of;

#[path = "fixtures/any_of.rs"]
pub mod fixture_any_of;

#[path = "fixtures/binary_bodies.rs"]
pub mod fixture_binary_bodies;

#[path = "fixtures/created_no_content.rs"]
pub mod fixture_created_no_content;

#[path = "fixtures/default_response.rs"]
pub mod fixture_default_response;

#[path = "fixtures/defaults.rs"]
pub mod fixture_defaults;

#[path = "fixtures/deprecated.rs"]
pub mod fixture_deprecated;

#[path = "fixtures/enum_names.rs"]
pub mod fixture_enum_names;

#[path = "fixtures/error_statuses.rs"]
pub mod fixture_error_statuses;

#[path = "fixtures/evolvable.rs"]
pub mod fixture_evolvable;

#[path = "fixtures/evolvable_exhaustive.rs"]
pub mod fixture_evolvable_exhaustive;

#[path = "fixtures/external_ref.rs"]
pub mod fixture_external_ref;

#[path = "fixtures/field_names.rs"]
pub mod fixture_field_names;

#[path = "fixtures/form_urlencoded.rs"]
pub mod fixture_form_urlencoded;

#[path = "fixtures/formats.rs"]
pub mod fixture_formats;

#[path = "fixtures/header_cookie_params.rs"]
pub mod fixture_header_cookie_params;

#[path = "fixtures/hostile.rs"]
pub mod fixture_hostile;

#[path = "fixtures/json_input.rs"]
pub mod fixture_json_input;

#[path = "fixtures/maps.rs"]
pub mod fixture_maps;

#[path = "fixtures/missing_operation_id.rs"]
pub mod fixture_missing_operation_id;

#[path = "fixtures/multipart.rs"]
pub mod fixture_multipart;

#[path = "fixtures/nested_inline_objects.rs"]
pub mod fixture_nested_inline_objects;

#[path = "fixtures/nullable.rs"]
pub mod fixture_nullable;

#[path = "fixtures/one_of_discriminator_all_of.rs"]
pub mod fixture_one_of_discriminator_all_of;

#[path = "fixtures/one_of_discriminator_mapping.rs"]
pub mod fixture_one_of_discriminator_mapping;

#[path = "fixtures/one_of_discriminator.rs"]
pub mod fixture_one_of_discriminator;

#[path = "fixtures/one_of_untagged.rs"]
pub mod fixture_one_of_untagged;

#[path = "fixtures/openapi31.rs"]
pub mod fixture_openapi31;

#[path = "fixtures/pagination.rs"]
pub mod fixture_pagination;

#[path = "fixtures/param_and_body_shapes.rs"]
pub mod fixture_param_and_body_shapes;

#[path = "fixtures/patch_tri_state.rs"]
pub mod fixture_patch_tri_state;

#[path = "fixtures/problem_json.rs"]
pub mod fixture_problem_json;

#[path = "fixtures/query_params.rs"]
pub mod fixture_query_params;

#[path = "fixtures/recursion.rs"]
pub mod fixture_recursion;

#[path = "fixtures/ref_reuse.rs"]
pub mod fixture_ref_reuse;

#[path = "fixtures/selection.rs"]
pub mod fixture_selection;

#[path = "fixtures/sensitive.rs"]
pub mod fixture_sensitive;

#[path = "fixtures/shared_inline_types.rs"]
pub mod fixture_shared_inline_types;

#[path = "fixtures/status_range.rs"]
pub mod fixture_status_range;

#[path = "fixtures/text_plain.rs"]
pub mod fixture_text_plain;

#[path = "fixtures/two_media_types.rs"]
pub mod fixture_two_media_types;
