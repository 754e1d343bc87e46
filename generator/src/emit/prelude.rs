//! Shortens `::std::option::Option` and the other prelude paths in generated tokens.
//!
//! Emission writes every path fully qualified, so a schema named `Option` or `Result` can
//! never change what generated code means. This pass then puts back the short prelude name
//! wherever the spec defines no type of that name — the output reads like hand-written code,
//! and stays correct for the specs that do.

use std::collections::HashSet;

use proc_macro2::{Group, Ident, Literal, Punct, Spacing, TokenStream, TokenTree};

/// (module under `std`, prelude name).
const PRELUDE: &[(&str, &str)] = &[
    ("option", "Option"),
    ("string", "String"),
    ("vec", "Vec"),
    ("boxed", "Box"),
    ("result", "Result"),
    ("convert", "Into"),
    ("convert", "From"),
    ("default", "Default"),
];

/// Variants that are in the prelude by themselves; no generated item lives in the value
/// namespace under these names, so they are safe even when the enum's name is shadowed.
const PRELUDE_VARIANTS: &[(&str, &str)] = &[
    ("Option", "Some"),
    ("Option", "None"),
    ("Result", "Ok"),
    ("Result", "Err"),
];

pub(crate) struct Shortener {
    bare: Vec<(&'static str, &'static str)>,
}

fn is_colons(trees: &[TokenTree]) -> bool {
    matches!(trees, [TokenTree::Punct(a), TokenTree::Punct(b), ..] if a.as_char() == ':' && b.as_char() == ':')
}

fn word(tree: Option<&TokenTree>) -> Option<String> {
    match tree {
        Some(TokenTree::Ident(ident)) => Some(ident.to_string()),
        _ => None,
    }
}

/// Matches `:: std :: module :: Name` at the start of `trees`; returns (module, Name).
fn std_path(trees: &[TokenTree]) -> Option<(String, String)> {
    let shaped =
        trees.len() >= 9 && is_colons(trees) && is_colons(&trees[3..]) && is_colons(&trees[6..]);
    if !shaped || word(trees.get(2)).as_deref() != Some("std") {
        return None;
    }
    Some((word(trees.get(5))?, word(trees.get(8))?))
}

impl Shortener {
    /// `defined`: every type name the generated module defines.
    pub(crate) fn new(defined: &HashSet<&str>) -> Self {
        let bare = PRELUDE
            .iter()
            .copied()
            .filter(|(_, name)| !defined.contains(name))
            .collect();
        Shortener { bare }
    }

    pub(crate) fn shorten(&self, tokens: TokenStream) -> TokenStream {
        let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(trees.len());
        let mut i = 0;
        while i < trees.len() {
            if let Some((module, name)) = std_path(&trees[i..]) {
                let variant = word(trees.get(i + 11)).filter(|v| {
                    is_colons(&trees[i + 9..])
                        && PRELUDE_VARIANTS.contains(&(name.as_str(), v.as_str()))
                });
                if let Some(variant) = variant {
                    out.push(TokenTree::Ident(Ident::new(&variant, trees[i + 11].span())));
                    i += 12;
                    continue;
                }
                if self.bare.contains(&(module.as_str(), name.as_str())) {
                    out.push(TokenTree::Ident(Ident::new(&name, trees[i + 8].span())));
                    i += 9;
                    continue;
                }
            }
            // Moved out, not cloned: every identifier clone is an allocation, and a group
            // still referenced would have its tokens copied when they are taken apart.
            let tree = std::mem::replace(
                &mut trees[i],
                TokenTree::Punct(Punct::new('#', Spacing::Alone)),
            );
            out.push(match tree {
                TokenTree::Group(group) => {
                    let (delimiter, span, stream) =
                        (group.delimiter(), group.span(), group.stream());
                    drop(group);
                    let mut shortened = Group::new(delimiter, self.shorten(stream));
                    shortened.set_span(span);
                    TokenTree::Group(shortened)
                }
                // Paths inside serde attributes, e.g. skip_serializing_if = "…::is_none".
                TokenTree::Literal(literal) => TokenTree::Literal(self.shorten_literal(literal)),
                other => other,
            });
            i += 1;
        }
        out.into_iter().collect()
    }

    fn shorten_literal(&self, literal: Literal) -> Literal {
        let text = literal.to_string();
        // Doc comments are most literals: only a string starting with a std path can change.
        if !text.starts_with("\"::std::") {
            return literal;
        }
        for (module, name) in &self.bare {
            let full = format!("\"::std::{module}::{name}::");
            if let Some(rest) = text.strip_prefix(&full) {
                let mut shortened =
                    Literal::string(&format!("{name}::{}", rest.trim_end_matches('"')));
                shortened.set_span(literal.span());
                return shortened;
            }
        }
        literal
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn shortens_prelude_paths_unless_the_spec_defines_the_name() {
        let tokens = quote! {
            fn f(x: ::std::option::Option<::std::string::String>) -> ::std::result::Result<(), ()> {
                #[serde(skip_serializing_if = "::std::option::Option::is_none")]
                let _ = ::std::option::Option::Some(1);
                ::std::result::Result::Ok(())
            }
        };
        let plain = Shortener::new(&HashSet::new())
            .shorten(tokens.clone())
            .to_string();
        let expected = quote! {
            fn f(x: Option<String>) -> Result<(), ()> {
                #[serde(skip_serializing_if = "Option::is_none")]
                let _ = Some(1);
                Ok(())
            }
        };
        assert_eq!(plain, expected.to_string());

        let defined: HashSet<&str> = ["Result"].into_iter().collect();
        let shadowed = Shortener::new(&defined).shorten(tokens).to_string();
        assert!(
            shadowed.contains(":: std :: result :: Result < () , () >"),
            "{shadowed}"
        );
        assert!(shadowed.contains("Ok (())"), "{shadowed}");
        assert!(shadowed.contains("Option < String >"), "{shadowed}");
    }
}
