//! Defenders named in OMCT's 2023 and 2024 reports, with what the reports
//! say of them.

pub(super) struct RealPerson {
    pub(super) key: &'static str,
    pub(super) name: &'static str,
    pub(super) country: &'static str,
    pub(super) description: &'static str,
}

pub(super) const DEFENDERS: &[RealPerson] = &[
    RealPerson { key: "daouda-diallo", name: "Daouda Diallo", country: "BF", description: "Human-rights defender released in 2024." },
    RealPerson { key: "jack-sinzahera", name: "Jack Sinzahera", country: "CD", description: "Human-rights defender released in 2024." },
    RealPerson { key: "gloire-saasita", name: "Gloire Saasita", country: "CD", description: "Human-rights defender released in 2024." },
    RealPerson { key: "gloria-singha", name: "Gloria Singha", country: "CD", description: "Human-rights defender released in 2024." },
    RealPerson { key: "fatia-maulidiyanti", name: "Fatia Maulidiyanti", country: "ID", description: "Human-rights defender acquitted in 2024 after years of judicial harassment." },
    RealPerson { key: "eren-keskin", name: "Eren Keskin", country: "TR", description: "Human-rights defender acquitted in 2024; OMCT trial-observation missions followed her trial." },
    RealPerson { key: "gullistan-yarkin", name: "Güllistan Yarkın", country: "TR", description: "Human-rights defender acquitted in 2024; OMCT trial-observation missions followed the trial." },
    RealPerson { key: "jamila-loukil", name: "Jamila Loukil", country: "DZ", description: "Human-rights defender acquitted in 2023 of \"terrorism\" charges that carried up to 20 years in prison." },
    RealPerson { key: "kaddour-chouicha", name: "Kaddour Chouicha", country: "DZ", description: "Human-rights defender acquitted in 2023 of \"terrorism\" charges that carried up to 20 years in prison." },
    RealPerson { key: "said-boudour", name: "Said Boudour", country: "DZ", description: "Human-rights defender acquitted in 2023 of \"terrorism\" charges that carried up to 20 years in prison." },
];
