//! Machine-readable metadata: a schema.org `Legislation` object per language
//! page, linking the original and its translations.

use serde_json::{json, Value};

use crate::address::{Address, Lang};
use crate::model::{Guideline, LanguageDoc};

/// The JSON-LD of one language page, ready to sit in a `<script>` element.
pub fn legislation(g: &Guideline, doc: &LanguageDoc) -> String {
    let m = &g.meta;
    let here = Address::language(&doc.lang);
    let page_url = |lang: &Lang| g.links.link(&here, &Address::language(lang));
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
    // The attribution only when the document has one.
    if let Some(work) = &m.based_on {
        value["isBasedOn"] = json!({
            "@type": "CreativeWork",
            "name": work.title,
            "publisher": { "@type": "GovernmentOrganization", "name": work.publisher },
        });
    }
    if !m.inspired_by.is_empty() {
        value["contributor"] = m
            .inspired_by
            .iter()
            .map(|name| json!({ "@type": "GovernmentOrganization", "name": name }))
            .collect();
    }
    let original = g.original_language();
    if doc.lang == *original {
        let translations: Vec<Value> = g
            .languages
            .iter()
            .filter(|d| d.lang != *original)
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
