//! An HTML tree sink that remembers the line of the page each element (and
//! comment) was opened on, so that findings in a web page's text view can be
//! put on the page's own lines (GitHub annotations, SARIF, `file:line`).
//! html5ever tells the sink the current line before each token; scraper's
//! sink ignores it, so this one wraps scraper's and keeps it.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

/// Each element's and comment's line in the page (from 1).
pub(super) type Lines = HashMap<NodeId, u32>;

/// The page parsed as scraper parses it, with the line each element opened on.
pub(super) fn parse(text: &str) -> (Html, Lines) {
    let sink = Lined {
        inner: HtmlTreeSink::new(Html::new_document()),
        line: Cell::new(1),
        lines: RefCell::new(HashMap::new()),
    };
    html5ever::parse_document(sink, Default::default()).one(text)
}

struct Lined {
    inner: HtmlTreeSink,
    line: Cell<u64>,
    lines: RefCell<Lines>,
}

impl Lined {
    fn mark(&self, id: NodeId) -> NodeId {
        let line = u32::try_from(self.line.get()).unwrap_or(u32::MAX);
        self.lines.borrow_mut().entry(id).or_insert(line);
        id
    }
}

impl TreeSink for Lined {
    type Handle = NodeId;
    type Output = (Html, Lines);
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> (Html, Lines) {
        (self.inner.finish(), self.lines.into_inner())
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.mark(self.inner.create_element(name, attrs, flags))
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.mark(self.inner.create_comment(text))
    }

    // The rest is scraper's.

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.inner.append(parent, child)
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        self.inner.append_based_on_parent_node(element, prev_element, child)
    }

    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.inner.append_doctype_to_document(name, public_id, system_id)
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node)
    }

    fn pop(&self, node: &NodeId) {
        self.inner.pop(node)
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.inner.append_before_sibling(sibling, new_node)
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }

    fn associate_with_form(&self, target: &NodeId, form: &NodeId, nodes: (&NodeId, Option<&NodeId>)) {
        self.inner.associate_with_form(target, form, nodes)
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target)
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent)
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner.is_mathml_annotation_xml_integration_point(handle)
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &NodeId) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(&self, location: &NodeId, template: &NodeId, attrs: &[Attribute]) -> bool {
        self.inner.attach_declarative_shadow(location, template, attrs)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &NodeId) {
        self.inner.maybe_clone_an_option_into_selectedcontent(option)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_keep_the_line_they_open_on() {
        let page = "<html><body>\n<p>一</p>\n\n<table>\n<tr><td>1</td></tr>\n</table><!-- x -->\n</body></html>";
        let (html, lines) = parse(page);
        let line_of = |name: &str| {
            html.tree
                .nodes()
                .find(|n| n.value().as_element().is_some_and(|e| e.name() == name))
                .map(|n| lines[&n.id()])
        };
        assert_eq!(line_of("p"), Some(2));
        assert_eq!(line_of("table"), Some(4));
        assert_eq!(line_of("tr"), Some(5));
        assert_eq!(line_of("td"), Some(5));
        let comment = html.tree.nodes().find(|n| n.value().is_comment()).unwrap();
        assert_eq!(lines[&comment.id()], 6);
        // The same tree as scraper's own parser makes.
        assert_eq!(html.html(), Html::parse_document(page).html());
    }
}
