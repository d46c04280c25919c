//! `entities` and `quotes` when the crate is built without the `understanding` feature: the
//! page's first module, which shows the structure while the full one loads. Both give nothing.

pub(crate) mod entities {
    use crate::model::{Entity, Text};

    pub(crate) fn extract(_input: &str, _paragraphs: &[Text]) -> Vec<Entity> {
        Vec::new()
    }
}

pub(crate) mod quotes {
    use crate::model::{Entity, Quote, Text};

    pub(crate) fn extract(_input: &str, _paragraphs: &[Text], _entities: &[Entity]) -> Vec<Quote> {
        Vec::new()
    }
}
