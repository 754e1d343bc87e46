//! Whether the values of one type are accepted by another, across the two versions.
//!
//! An old client breaks when it sends what the new server rejects, or cannot decode what the
//! new server sends. So a request type is judged by the new *schema* (what a validating
//! server accepts), and a response type by the old *generated client* — which is more lenient
//! than its schema: enums keep unknown values (unless generated closed), `format: date`
//! fields read a date-time too (unless generated with strict formats), untagged unions take
//! the first variant that decodes, and unknown object fields are ignored.

use std::collections::HashSet;

use crate::ir::{StringEnum, Struct, TypeId, TypeKind, TypeRef, Union};
use crate::Analysis;

use super::change::Level;

/// How many values of the source type the target accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    None,
    Some,
    All,
}

impl Fit {
    /// Everything fits, some values do not, or nothing does: INFO, WARN, ERR.
    pub fn level(self) -> Level {
        match self {
            Fit::All => Level::Info,
            Fit::Some => Level::Warn,
            Fit::None => Level::Err,
        }
    }

    fn and(self, other: Fit) -> Fit {
        self.min(other)
    }
}

/// Who reads the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The new server, validating a JSON body against its schema.
    Server,
    /// The new server, reading a parameter as text; `exploded` for a form-exploded query
    /// parameter, where `a=1` is also a list of one.
    ServerText { exploded: bool },
    /// The old generated client, decoding a response.
    Client {
        open_enums: bool,
        lenient_dates: bool,
    },
}

/// One question "do the values of `from` fit into `into`?", with the IRs they belong to.
pub struct Fitting<'a> {
    pub from: &'a Analysis,
    pub into: &'a Analysis,
    pub reader: Reader,
    /// Pairs of named types under comparison: a cycle fits as far as the rest does.
    seen: HashSet<(usize, usize)>,
}

impl<'a> Fitting<'a> {
    pub fn new(from: &'a Analysis, into: &'a Analysis, reader: Reader) -> Self {
        Fitting {
            from,
            into,
            reader,
            seen: HashSet::new(),
        }
    }

    pub fn fits(&mut self, from: &TypeRef, into: &TypeRef) -> Fit {
        let from = super::follow_aliases(self.from, from, false);
        let into = super::follow_aliases(self.into, into, false);
        use TypeRef as T;
        match (from, into) {
            (_, T::Json) => Fit::All,
            (T::Option(f), T::Option(i)) => self.fits(f, i),
            (f, T::Option(i)) => self.fits(f, i),
            // `null` is not a value of the target.
            (T::Option(f), i) => self.fits(f, i).and(Fit::Some),
            (T::Json, _) => Fit::Some,
            (T::Named(a), T::Named(b)) => self.named(a.0, b.0),
            (T::Named(a), i) => match &self.from.ir.types[a.0].kind {
                TypeKind::Union(u) => self.union_into(u, i),
                TypeKind::Enum(_) if matches!(i, T::String) => Fit::All,
                TypeKind::Struct(_) if matches!(i, T::JsonMap) => Fit::All,
                TypeKind::Struct(s) => match i {
                    T::Map(value) => self.fields_into_map(s, value),
                    _ => Fit::None,
                },
                _ => self.text_fit(from, into),
            },
            (f, T::Named(b)) => match &self.into.ir.types[b.0].kind {
                TypeKind::Union(u) => self.fits_union(f, u),
                TypeKind::Enum(_) if matches!(f, T::String) => match self.reader {
                    Reader::Client {
                        open_enums: true, ..
                    } => Fit::All,
                    _ => Fit::Some,
                },
                TypeKind::Struct(_) if matches!(f, T::Map(_) | T::JsonMap) => Fit::Some,
                _ => self.text_fit(from, into),
            },
            (T::Vec(f), T::Vec(i)) | (T::Map(f), T::Map(i)) => self.fits(f, i),
            (T::Map(_), T::JsonMap) | (T::JsonMap, T::JsonMap) => Fit::All,
            (T::JsonMap, T::Map(_)) => Fit::Some,
            (f, i) => self.scalar(f, i),
        }
    }

    /// Scalars, and what a parameter's text form adds to them.
    fn scalar(&mut self, from: &TypeRef, into: &TypeRef) -> Fit {
        use TypeRef as T;
        let direct = match (from, into) {
            (a, b) if a == b && !matches!(a, T::Vec(_) | T::Map(_)) => Fit::All,
            (T::Int(a), T::Int(b)) => {
                let ((a_min, a_max), (b_min, b_max)) = (a.range(), b.range());
                if b_min <= a_min && a_max <= b_max {
                    Fit::All
                } else {
                    Fit::Some
                }
            }
            (T::Int(_), T::Float(_)) | (T::Float(_), T::Float(_)) => Fit::All,
            (T::Float(_), T::Int(_)) => Fit::Some,
            (T::Uuid | T::Date | T::DateTime | T::Base64, T::String) => Fit::All,
            (T::String, T::Uuid | T::Date | T::DateTime | T::Base64) => Fit::Some,
            (T::DateTime, T::Date) => match self.reader {
                Reader::Client {
                    lenient_dates: true,
                    ..
                } => Fit::All,
                _ => Fit::None,
            },
            _ => Fit::None,
        };
        direct.max(self.text_fit(from, into))
    }

    /// A parameter is text: any scalar is a string, and a single value is a list of one.
    fn text_fit(&mut self, from: &TypeRef, into: &TypeRef) -> Fit {
        let Reader::ServerText { exploded } = self.reader else {
            return Fit::None;
        };
        match (from, into) {
            (TypeRef::Vec(_), TypeRef::Vec(_)) => Fit::None,
            (f, TypeRef::String) if is_scalar(f) => Fit::All,
            (TypeRef::Vec(f), i) => self.fits(f, i).and(Fit::Some),
            // Without explode, a single value holding a comma reads as two.
            (f, TypeRef::Vec(i)) if exploded => self.fits(f, i),
            (f, TypeRef::Vec(i)) => self.fits(f, i).and(Fit::Some),
            _ => Fit::None,
        }
    }

    fn named(&mut self, from: usize, into: usize) -> Fit {
        if !self.seen.insert((from, into)) {
            return Fit::All;
        }
        let (a, b) = (
            &self.from.ir.types[from].kind,
            &self.into.ir.types[into].kind,
        );
        let fit = match (a, b) {
            (TypeKind::Struct(f), TypeKind::Struct(i)) => self.struct_fit(f, i),
            (TypeKind::Enum(f), TypeKind::Enum(i)) => self.enum_fit(f, i),
            (TypeKind::Union(f), TypeKind::Union(i)) if f.tag.is_some() && f.tag == i.tag => {
                self.tagged(f, i)
            }
            (TypeKind::Union(f), _) => self.union_into(f, &TypeRef::Named(TypeId(into))),
            (_, TypeKind::Union(i)) => self.fits_union(&TypeRef::Named(TypeId(from)), i),
            _ => Fit::None,
        };
        self.seen.remove(&(from, into));
        fit
    }

    fn struct_fit(&mut self, from: &Struct, into: &Struct) -> Fit {
        let mut fit = Fit::All;
        for field in &into.fields {
            let Some(source) = from.fields.iter().find(|f| f.wire_name == field.wire_name) else {
                if field.required {
                    return Fit::None;
                }
                continue;
            };
            if field.required && !source.required {
                fit = fit.and(Fit::Some);
            }
            // A client reads `null` into an optional field as absent.
            let null_accepted =
                field.nullable || (!field.required && matches!(self.reader, Reader::Client { .. }));
            if source.nullable && !null_accepted {
                fit = fit.and(Fit::Some);
            }
            fit = fit.and(self.fits(&source.ty, &field.ty));
            if fit == Fit::None {
                return fit;
            }
        }
        // Properties the target does not declare: a client ignores them, and a schema
        // without `additionalProperties: false` allows them.
        fit
    }

    fn fields_into_map(&mut self, from: &Struct, value: &TypeRef) -> Fit {
        from.fields.iter().fold(Fit::All, |fit, field| {
            fit.and(self.fits(&field.ty, value).max(Fit::Some))
        })
    }

    fn enum_fit(&self, from: &StringEnum, into: &StringEnum) -> Fit {
        let open = matches!(
            self.reader,
            Reader::Client {
                open_enums: true,
                ..
            }
        );
        let known = from
            .values
            .iter()
            .filter(|v| into.values.contains(v))
            .count();
        if open || known == from.values.len() {
            Fit::All
        } else if known > 0 {
            Fit::Some
        } else {
            Fit::None
        }
    }

    /// Every variant of `from` must fit; some fitting is "some".
    fn union_into(&mut self, from: &Union, into: &TypeRef) -> Fit {
        let fits: Vec<Fit> = from
            .variants
            .iter()
            .map(|v| self.fits(&v.ty, into))
            .collect();
        every(&fits)
    }

    /// The best variant decides. A tagged union also needs its tag, which a value of another
    /// type does not carry: at most some values fit.
    fn fits_union(&mut self, from: &TypeRef, into: &Union) -> Fit {
        let best = into
            .variants
            .iter()
            .map(|v| self.fits(from, &v.ty))
            .max()
            .unwrap_or(Fit::None);
        if into.tag.is_some() {
            best.min(Fit::Some)
        } else {
            best
        }
    }

    /// Tagged by the same property: each variant goes to the variant of the same tag value.
    fn tagged(&mut self, from: &Union, into: &Union) -> Fit {
        let fits: Vec<Fit> = from
            .variants
            .iter()
            .map(|variant| {
                match into
                    .variants
                    .iter()
                    .find(|v| v.tag_value.is_some() && v.tag_value == variant.tag_value)
                {
                    Some(target) => self.fits(&variant.ty, &target.ty),
                    None => Fit::None,
                }
            })
            .collect();
        every(&fits)
    }
}

/// All values of each alternative fit: all; none of any: none; otherwise some.
fn every(fits: &[Fit]) -> Fit {
    if fits.iter().all(|f| *f == Fit::All) {
        Fit::All
    } else if fits.iter().all(|f| *f == Fit::None) {
        Fit::None
    } else {
        Fit::Some
    }
}

fn is_scalar(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Bool
            | TypeRef::Int(_)
            | TypeRef::Float(_)
            | TypeRef::String
            | TypeRef::Date
            | TypeRef::DateTime
            | TypeRef::Uuid
    )
}
