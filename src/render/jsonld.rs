//! Machine-readable metadata: a schema.org `Legislation` object per language
//! page, linking the original and its translations.

use serde_json::{json, Value};

use crate::address::{Address, Lang};
use crate::model::{Guideline, LanguageDoc};

/// The legal value of the adopted text, and of a translation.
pub const AUTHORITATIVE: &str = "https://schema.org/AuthoritativeLegalValue";
pub const UNOFFICIAL: &str = "https://schema.org/UnofficialLegalValue";

/// The JSON-LD of one language page `here` (of the current version, or
/// of a version in its own folder), ready to sit in a `<script>` element.
pub fn legislation(g: &Guideline, doc: &LanguageDoc, here: &Address) -> String {
    let m = &g.meta;
    let version = here.version.as_deref();
    let page_url = |lang: &Lang| {
        g.links
            .link(here, &Address::language(lang).in_version(version))
    };
    let reference =
        |lang: &Lang| json!({ "@type": "Legislation", "@id": page_url(lang), "inLanguage": lang });
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": page_url(&doc.lang),
        "name": doc.front.title,
        "alternateName": doc.front.short_title,
        "inLanguage": doc.lang,
        "legislationIdentifier": m.case,
        "legislationDate": m.adopted.to_string(),
        "legislationJurisdiction": m.municipality,
        "legislationPassedBy": {
            "@type": "GovernmentOrganization",
            "name": m.adopted_by,
            "parentOrganization": { "@type": "GovernmentOrganization", "name": m.municipality },
        },
    });
    // The attribution only when the document has one, with the title as
    // the adopted text cites it.
    if let Some(work) = &m.based_on {
        value["isBasedOn"] = json!({
            "@type": "CreativeWork",
            "name": work.title,
            "publisher": { "@type": "GovernmentOrganization", "name": work.publisher },
        });
    }
    // The bodies the text drew inspiration from did not write it: schema.org
    // has no property for «inspired by», so they stay out of the data (the
    // page says it in words).
    let original = g.original_language();
    value["legislationLegalValue"] = json!(if doc.lang == *original {
        AUTHORITATIVE
    } else {
        UNOFFICIAL
    });
    if doc.lang == *original {
        let translations: Vec<Value> = g
            .languages
            .iter()
            .filter(|d| d.lang != *original)
            .filter(|d| version.is_none() || g.text_of(&d.lang).is_some())
            .map(|d| reference(&d.lang))
            .collect();
        value["workTranslation"] = Value::Array(translations);
    } else {
        value["translationOfWork"] = reference(original);
    }
    // `<` escaped so the text can never close its <script> element.
    serde_json::to_string_pretty(&value)
        .expect("JSON values always serialize")
        .replace('<', "\\u003c")
}
