//! `syn` as the oracle for generated code: the output parses as a Rust file, and the items
//! it declares at its top level are exactly those the IR says (`specgen::declared_items`).

#![allow(dead_code)] // each test file uses its own part of these helpers

use std::collections::BTreeSet;
use std::path::Path;

/// The names `code` declares at its top level; an error for an item that declares no name
/// of its own (a free function, a macro call other than the runtime's `string_enum!` and
/// `serde_struct!`, a `use`) or an `impl` (or `serde_struct!`) for a type the file does
/// not declare.
pub fn declared_by(code: &str) -> Result<BTreeSet<String>, String> {
    let file = syn::parse_file(code).map_err(|e| format!("does not parse: {e}"))?;
    let mut names = BTreeSet::new();
    let mut impl_targets = Vec::new();
    for (index, item) in file.items.iter().enumerate() {
        let name = match item {
            syn::Item::Struct(item) => &item.ident,
            syn::Item::Enum(item) => &item.ident,
            syn::Item::Type(item) => &item.ident,
            syn::Item::Mod(item) => &item.ident,
            syn::Item::Macro(item) if is_runtime_macro(&item.mac, "string_enum") => {
                names.insert(string_enum_name(&item.mac)?);
                continue;
            }
            syn::Item::Macro(item) if is_runtime_macro(&item.mac, "serde_struct") => {
                impl_targets.push(serde_struct_target(&item.mac)?);
                continue;
            }
            syn::Item::Impl(item) => {
                impl_targets.push(type_name(&item.self_ty)?);
                continue;
            }
            _ => {
                return Err(format!(
                    "has an item no spec construct makes (item {index}, after {names:?})"
                ))
            }
        };
        names.insert(name.to_string());
    }
    if let Some(stray) = impl_targets.iter().find(|t| !names.contains(*t)) {
        return Err(format!(
            "an impl for `{stray}`, which the file does not declare"
        ));
    }
    Ok(names)
}

/// `::specgen_runtime::<name>! { … }`, by its full path.
fn is_runtime_macro(mac: &syn::Macro, name: &str) -> bool {
    let segments: Vec<String> = mac
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    mac.path.leading_colon.is_some() && segments == ["specgen_runtime", name]
}

/// The struct a `serde_struct!` call implements serde's traits for: the name before the
/// braced fields (checked by the macro itself when the output compiles).
fn serde_struct_target(mac: &syn::Macro) -> Result<String, String> {
    struct Named(syn::Ident);

    impl syn::parse::Parse for Named {
        fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
            let name = input.parse()?;
            let fields;
            syn::braced!(fields in input);
            skip_rest(&fields)?;
            Ok(Named(name))
        }
    }

    mac.parse_body::<Named>()
        .map(|named| named.0.to_string())
        .map_err(|e| format!("has a `serde_struct!` that names no one struct: {e}"))
}

/// Consumes whatever tokens are left in `input`.
fn skip_rest(input: syn::parse::ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((_, next)) = rest.token_tree() {
            rest = next;
        }
        Ok(((), rest))
    })
}

/// The enum a `string_enum!` call declares: its body is attributes, `pub enum`, the name
/// and the braced variants (checked by the macro itself when the output compiles).
fn string_enum_name(mac: &syn::Macro) -> Result<String, String> {
    struct Declared(syn::Ident);

    impl syn::parse::Parse for Declared {
        fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
            input.call(syn::Attribute::parse_outer)?;
            input.parse::<syn::Token![pub]>()?;
            input.parse::<syn::Token![enum]>()?;
            let name = input.parse()?;
            let variants;
            syn::braced!(variants in input);
            skip_rest(&variants)?;
            Ok(Declared(name))
        }
    }

    mac.parse_body::<Declared>()
        .map(|declared| declared.0.to_string())
        .map_err(|e| format!("has a `string_enum!` that declares no one enum: {e}"))
}

fn type_name(ty: &syn::Type) -> Result<String, String> {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .ok_or_else(|| "an impl for an empty path".to_string()),
        _ => Err("an impl for a type that is not a path".into()),
    }
}

/// Panics unless `code`, generated from `spec` with `config`, parses and declares exactly
/// the items the IR says.
pub fn assert_declares_expected(spec: &Path, config: &specgen::Config, code: &str) {
    let expected =
        specgen::declared_items(spec, config).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    match declared_by(code) {
        Ok(found) => assert_eq!(
            found,
            expected,
            "{}: the generated items differ from the IR's (left: found, right: expected)",
            spec.display()
        ),
        Err(problem) => panic!("{}: generated code {problem}", spec.display()),
    }
}
