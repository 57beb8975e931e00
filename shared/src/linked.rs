//! The records a page shows inside another (`table:key`): the defendants of
//! a trial, the partners of an organisation, the observers of a mission. A
//! restricted one among them is read as surely as if its own page were
//! opened, and is audited as such.

use crate::{Campaign, Event, Intervention, Mission, Organisation, Person, Trial};

pub trait LinkedRecords {
    fn linked_records(&self) -> Vec<String>;
}

fn person(id: impl std::fmt::Display) -> String {
    format!("person:{id}")
}

fn organisation(id: impl std::fmt::Display) -> String {
    format!("organisation:{id}")
}

impl LinkedRecords for Organisation {
    fn linked_records(&self) -> Vec<String> {
        let mut shown: Vec<String> = self
            .member_of
            .iter()
            .chain(&self.partners)
            .chain(self.ties.iter().map(|t| &t.other))
            .map(|o| organisation(&o.id))
            .chain(self.timeline.iter().map(|e| e.record.clone()))
            .collect();
        shown.sort();
        shown.dedup();
        shown
    }
}

impl LinkedRecords for Trial {
    fn linked_records(&self) -> Vec<String> {
        let defendants = self.defendants.iter().map(|d| person(&d.person.id));
        let lawyers = self.lawyers.iter().map(|p| person(&p.id));
        let supporters = self.supporters.iter().map(|o| organisation(&o.id));
        defendants.chain(lawyers).chain(supporters).collect()
    }
}

impl LinkedRecords for Mission {
    fn linked_records(&self) -> Vec<String> {
        let observers = self.observers.iter().map(|o| person(&o.person.id));
        let organisations = self.organisations.iter().map(|o| organisation(&o.id));
        std::iter::once(format!("trial:{}", self.trial))
            .chain(observers)
            .chain(organisations)
            .collect()
    }
}

impl LinkedRecords for Event {
    fn linked_records(&self) -> Vec<String> {
        let organisers = self.organisers.iter().map(|o| organisation(&o.id));
        let participants = self.participants.iter().map(|p| person(&p.person.id));
        organisers.chain(participants).collect()
    }
}

impl LinkedRecords for Intervention {
    fn linked_records(&self) -> Vec<String> {
        let persons = self.summary.persons.iter().map(|p| person(&p.id));
        let cosignatories = self.cosignatories.iter().map(|o| organisation(&o.id));
        persons.chain(cosignatories).collect()
    }
}

impl LinkedRecords for Campaign {
    fn linked_records(&self) -> Vec<String> {
        let persons = self.persons.iter().map(|p| person(&p.id));
        let trials = self.trials.iter().map(|t| format!("trial:{}", t.id));
        let interventions = self
            .interventions
            .iter()
            .map(|i| format!("intervention:{}", i.id));
        persons.chain(trials).chain(interventions).collect()
    }
}

impl LinkedRecords for Person {
    fn linked_records(&self) -> Vec<String> {
        self.timeline.iter().map(|e| e.record.clone()).collect()
    }
}
