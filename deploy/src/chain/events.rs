//! The suite's contract events in words, decoded with each contract's own ink! metadata (the
//! `<name>.json` beside its Wasm): the event is found by its signature topic (ink! 5 puts it
//! first), its fields are decoded by their types in the metadata's type registry, accounts are
//! printed as SS58 and amounts as integers. "Claimed { member: 3, month: 41, amount: 1250 }".

use anyhow::{anyhow, Context};
use scale_info::{PortableRegistry, TypeDef};
use std::collections::BTreeMap;
use std::path::Path;
use subxt::ext::scale_value::{Composite, Primitive, Value, ValueDef};

/// One event as a contract's metadata declares it.
struct Spec {
    /// The contract whose metadata holds it (a contract's metadata also holds the events of
    /// the suite crates it links, so one event can be in several).
    contract: String,
    /// The crate that defines it (`module_path`'s first segment: "registry", "admin").
    module: String,
    /// Its name.
    label: String,
    /// Its fields' names and type ids, in encoding order.
    args: Vec<(String, u32)>,
}

/// Every event of the suite's contracts, by signature topic (ink! 5 derives it from the event's
/// name and field types only, so the same topic can be declared by several contracts).
pub struct Events {
    specs: BTreeMap<[u8; 32], Vec<Spec>>,
    /// The suite's addresses and their contract names, to tell which contract emitted.
    names: BTreeMap<[u8; 32], String>,
    /// The type registry of each contract's metadata.
    types: BTreeMap<String, PortableRegistry>,
}

impl Events {
    /// Reads the metadata of `contracts` from `dir` (`<name>.json`).
    ///
    /// Errors: a file is missing or is not ink! metadata.
    pub fn load(dir: &Path, contracts: &[&str]) -> anyhow::Result<Self> {
        let mut specs = BTreeMap::new();
        let mut types = BTreeMap::new();
        for name in contracts {
            let path = dir.join(format!("{name}.json"));
            let text = std::fs::read_to_string(&path).with_context(|| {
                format!(
                    "{} is missing: run ./scripts/build-contracts",
                    path.display()
                )
            })?;
            let json: serde_json::Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not JSON", path.display()))?;
            let registry: PortableRegistry =
                serde_json::from_value(serde_json::json!({ "types": json["types"] }))
                    .with_context(|| format!("{}: no type registry", path.display()))?;
            let events = json["spec"]["events"]
                .as_array()
                .ok_or_else(|| anyhow!("{}: no events in the metadata", path.display()))?;
            for event in events {
                let Some(topic) = event["signature_topic"]
                    .as_str()
                    .and_then(crate::deploy::unhex32)
                else {
                    continue; // anonymous: no topic to find it by
                };
                let args = event["args"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| {
                        let ty = a["type"]["type"].as_u64().unwrap_or(u64::MAX);
                        (a["label"].as_str().unwrap_or("?").to_string(), ty as u32)
                    })
                    .collect();
                let label = event["label"].as_str().unwrap_or("?").to_string();
                let module = event["module_path"].as_str().unwrap_or(name);
                let module = module.split("::").next().unwrap_or(name).to_string();
                specs.entry(topic).or_insert_with(Vec::new).push(Spec {
                    contract: name.to_string(),
                    module,
                    label,
                    args,
                });
            }
            types.insert(name.to_string(), registry);
        }
        Ok(Self {
            specs,
            types,
            names: BTreeMap::new(),
        })
    }

    /// Names the suite's contracts by address (`contract name → address`), so that an event is
    /// said to come from the contract that emitted it.
    pub fn name(&mut self, contracts: impl IntoIterator<Item = (&'static str, [u8; 32])>) {
        for (name, at) in contracts {
            self.names.insert(at, name.to_string());
        }
    }

    /// The event with first topic `topics[0]` and encoding `data`, emitted by contract `from`,
    /// in words, prefixed by the emitting contract's name: "reward_pool: Claimed { member: 3,
    /// month: 41, amount: 1250 }". Only events of the contracts named with [`Events::name`] are
    /// decoded; another contract's, or one no metadata declares or that does not decode, is said
    /// with its size (never an error: a report must not fail on a foreign contract's event).
    pub fn describe(&self, from: [u8; 32], topics: &[[u8; 32]], data: &[u8]) -> String {
        // Only the suite's own contracts are decoded: another contract's event could claim a
        // suite event's topic with data made to mislead (or to exhaust memory when decoded).
        let Some(name) = self.names.get(&from) else {
            return format!(
                "{}: an event of another contract ({} bytes)",
                crate::config::ss58(&from.into()),
                data.len()
            );
        };
        let specs = topics.first().and_then(|t| self.specs.get(t));
        let spec = specs.and_then(|specs| {
            // The emitter's own metadata, else the defining crate's, else any declaration.
            specs
                .iter()
                .find(|s| &s.contract == name)
                .or_else(|| specs.iter().find(|s| s.module == s.contract))
                .or_else(|| specs.first())
        });
        let Some(spec) = spec else {
            return format!("an event no suite contract declares ({} bytes)", data.len());
        };
        let who = name;
        let Some(types) = self.types.get(&spec.contract) else {
            return format!("{who}: {}", spec.label);
        };
        let mut input = data;
        let mut fields = Vec::new();
        for (name, ty) in &spec.args {
            match subxt::ext::scale_value::scale::decode_as_type(&mut input, *ty, types) {
                Ok(v) => fields.push(format!("{name}: {}", words(&v, types))),
                Err(_) => return format!("{who}: {} (fields do not decode)", spec.label),
            }
        }
        if fields.is_empty() {
            format!("{who}: {}", spec.label)
        } else {
            format!("{who}: {} {{ {} }}", spec.label, fields.join(", "))
        }
    }
}

/// A decoded value in words: an `AccountId` as SS58, other byte arrays as hex, `Option`s and
/// enums by variant name, structs with their field names.
fn words(v: &Value<u32>, types: &PortableRegistry) -> String {
    let path_end = types
        .resolve(v.context)
        .and_then(|t| t.path.segments.last().cloned());
    if let Some(bytes) = bytes_of(v, types) {
        return if path_end.as_deref() == Some("AccountId") && bytes.len() == 32 {
            let mut id = [0u8; 32];
            id.copy_from_slice(&bytes);
            crate::config::ss58(&id.into())
        } else {
            crate::deploy::hex(&bytes)
        };
    }
    match &v.value {
        ValueDef::Primitive(Primitive::Bool(b)) => b.to_string(),
        ValueDef::Primitive(Primitive::Char(c)) => c.to_string(),
        ValueDef::Primitive(Primitive::String(s)) => format!("{s:?}"),
        ValueDef::Primitive(Primitive::U128(n)) => n.to_string(),
        ValueDef::Primitive(Primitive::I128(n)) => n.to_string(),
        ValueDef::Primitive(p) => format!("{p:?}"),
        ValueDef::BitSequence(b) => format!("{b:?}"),
        ValueDef::Variant(var) => match &var.values {
            c if c.is_empty() => var.name.clone(),
            c => format!("{}({})", var.name, composite(c, types)),
        },
        ValueDef::Composite(c) => match c {
            // A newtype (a member id, a month) prints as what it wraps.
            Composite::Unnamed(items) if items.len() == 1 => words(&items[0], types),
            Composite::Named(items) if items.len() == 1 => words(&items[0].1, types),
            c => format!("{{ {} }}", composite(c, types)),
        },
    }
}

/// A composite's fields in words, comma-separated.
fn composite(c: &Composite<u32>, types: &PortableRegistry) -> String {
    match c {
        Composite::Named(items) => items
            .iter()
            .map(|(n, v)| format!("{n}: {}", words(v, types)))
            .collect::<Vec<_>>()
            .join(", "),
        Composite::Unnamed(items) => items
            .iter()
            .map(|v| words(v, types))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The bytes of a value whose type is a `u8` sequence or array (possibly in a newtype).
fn bytes_of(v: &Value<u32>, types: &PortableRegistry) -> Option<Vec<u8>> {
    let ValueDef::Composite(c) = &v.value else {
        return None;
    };
    let items: Vec<&Value<u32>> = c.values().collect();
    let element = match types.resolve(v.context).map(|t| &t.type_def) {
        Some(TypeDef::Sequence(s)) => s.type_param.id,
        Some(TypeDef::Array(a)) => a.type_param.id,
        Some(TypeDef::Composite(_)) if items.len() == 1 => return bytes_of(items[0], types),
        _ => return None,
    };
    let is_u8 = types.resolve(element).is_some_and(|t| {
        matches!(
            t.type_def,
            TypeDef::Primitive(scale_info::TypeDefPrimitive::U8)
        )
    });
    if !is_u8 {
        return None;
    }
    items
        .iter()
        .map(|i| match i.value {
            ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(n).ok(),
            _ => None,
        })
        .collect()
}
