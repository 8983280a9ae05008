//! `v2 my keypair search` and `v2 admin keypair search`: one page, or with `--all` every
//! page, as a table with a footer or as JSON.

use backendai_keypair::v2::{Cursor, KeyPairFilter, KeyPairPage, SearchKeyPairs, TextMatch};
use futures::TryStreamExt;
use serde_json::{json, Value};

use super::view::{list_fields, to_json, Shown};
use crate::args::OutputMode;
use crate::commands::layout::Listing;
use crate::failure::Failure;
use crate::output::{note, Output};
use crate::v2_args::{PageArgs, SearchArgs};

/// Runs `search` with the filter, order and page of `args`, and `more` ANDed to the
/// filter (an admin search's user). `doing` names it in a failure.
pub async fn run(
    search: SearchKeyPairs,
    args: &SearchArgs,
    more: KeyPairFilter,
    doing: &str,
    out: &Output,
) -> Result<(), Failure> {
    let search = request(search, args, more);
    let failed = |error| Failure::V2 {
        doing: doing.to_owned(),
        error: Box::new(error),
    };
    if args.page.all {
        return all_pages(&search, out, failed).await;
    }
    let page = search.send().await.map_err(failed)?;
    match out.mode() {
        OutputMode::Json => out.json(&page_json(&page))?,
        OutputMode::Console => print_page(&page, args, out)?,
    }
    Ok(())
}

/// The filter of `args` and `more`.
fn filter(args: &SearchArgs, mut filter: KeyPairFilter) -> KeyPairFilter {
    if let Some(active) = args.is_active {
        filter = filter.is_active(active);
    }
    if let Some(admin) = args.is_admin {
        filter = filter.is_admin(admin);
    }
    if let Some(default) = args.is_default {
        filter = filter.is_default(default);
    }
    if let Some(text) = &args.access_key_contains {
        filter = filter.access_key(TextMatch::contains(text).ignore_case());
    }
    if let Some(policy) = &args.resource_policy {
        filter = filter.resource_policy(TextMatch::equals(policy));
    }
    filter
}

fn request(search: SearchKeyPairs, args: &SearchArgs, more: KeyPairFilter) -> SearchKeyPairs {
    let mut search = search.filter(filter(args, more));
    for order in &args.order_by {
        search = search.order_by(order.field.clone(), order.direction.clone());
    }
    let page = &args.page;
    let cursor = |text: &String| Cursor::new(text.as_str());
    if let Some(limit) = page.limit {
        search = search.limit(limit);
    }
    if let Some(offset) = page.offset {
        search = search.offset(offset);
    }
    if let Some(first) = page.first {
        search = search.first(first);
    }
    if let Some(after) = page.after.as_ref().map(cursor) {
        search = search.after(after);
    }
    if let Some(last) = page.last {
        search = search.last(last);
    }
    if let Some(before) = page.before.as_ref().map(cursor) {
        search = search.before(before);
    }
    search
}

/// `{"items": […], "total", "has_next_page", "has_previous_page", "start_cursor",
/// "end_cursor"}`.
fn page_json(page: &KeyPairPage) -> Value {
    let cursor = |c: &Option<Cursor>| c.as_ref().map(Cursor::as_str).map(Value::from);
    json!({
        "items": page.items.iter().map(to_json).collect::<Vec<_>>(),
        "total": page.total,
        "has_next_page": page.has_next_page,
        "has_previous_page": page.has_previous_page,
        "start_cursor": cursor(&page.start_cursor),
        "end_cursor": cursor(&page.end_cursor),
    })
}

fn print_page(page: &KeyPairPage, args: &SearchArgs, out: &Output) -> Result<(), Failure> {
    if page.items.is_empty() {
        match page.total {
            0 => note("No matching keypairs."),
            total => note(&format!("No keypairs on this page ({total} match in all).")),
        }
        return Ok(());
    }
    let mut listing = Listing::new(&list_fields(), out.table_options());
    let mut lines: Vec<String> = page
        .items
        .iter()
        .flat_map(|keypair| listing.push(&Shown::new(keypair)))
        .collect();
    lines.extend(listing.finish());
    lines.push(footer(page.items.len(), page, args));
    out.lines(&lines)?;
    Ok(())
}

/// `SHOWN of TOTAL keypairs`, and how to get the next page if there is one.
fn footer(shown: usize, page: &KeyPairPage, args: &SearchArgs) -> String {
    let counted = format!("{shown} of {} keypairs", page.total);
    let next = match &args.page {
        PageArgs {
            first: Some(first), ..
        } => page
            .has_next_page
            .then_some(page.end_cursor.as_ref())
            .flatten()
            .map(|end| format!("next page: --first {first} --after {end}")),
        PageArgs {
            last: Some(last), ..
        } => page
            .has_previous_page
            .then_some(page.start_cursor.as_ref())
            .flatten()
            .map(|start| format!("page before: --last {last} --before {start}")),
        PageArgs { offset, .. } => {
            let next = u64::from(offset.unwrap_or(0)) + shown as u64;
            (next < page.total).then(|| {
                let mut text = format!("next page: --offset {next}");
                // Without an order, an offset page is in the cursors' order (newest first).
                if let (true, Some(end)) = (args.order_by.is_empty(), &page.end_cursor) {
                    text.push_str(&format!(", or --first {shown} --after {end}"));
                }
                text
            })
        }
    };
    match next {
        Some(next) => format!("{counted}; {next}"),
        None => counted,
    }
}

/// Every page: the console table streams in the layout of its first rows; JSON is written
/// once, every keypair in `items` and their number in `total`.
async fn all_pages(
    search: &SearchKeyPairs,
    out: &Output,
    failed: impl Fn(backendai_keypair::Error) -> Failure,
) -> Result<(), Failure> {
    let mut keypairs = search.stream();
    let mut listing = Listing::new(&list_fields(), out.table_options());
    let mut collected = Vec::new();
    let mut count: u64 = 0;
    while let Some(keypair) = keypairs.try_next().await.map_err(&failed)? {
        count += 1;
        match out.mode() {
            OutputMode::Json => collected.push(to_json(&keypair)),
            OutputMode::Console => out.lines(&listing.push(&Shown::new(&keypair)))?,
        }
    }
    match out.mode() {
        OutputMode::Json => out.json(&json!({
            "items": collected,
            "total": count,
            "has_next_page": false,
            "has_previous_page": false,
            "start_cursor": null,
            "end_cursor": null,
        }))?,
        OutputMode::Console if count == 0 => note("No matching keypairs."),
        OutputMode::Console => {
            let mut rest = listing.finish();
            rest.push(format!("{count} keypairs"));
            out.lines(&rest)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::args::{Cli, TopCommand};
    use crate::v2_args::{MyKeypairCommand, V2Command, V2MyCommand};

    fn args(extra: &[&str]) -> SearchArgs {
        let all = ["backend-ai", "v2", "my", "keypair", "search"];
        let cli = Cli::try_parse_from(all.iter().chain(extra).copied()).unwrap();
        match cli.command {
            TopCommand::V2(V2Command::My(V2MyCommand::Keypair(MyKeypairCommand::Search(s)))) => s,
            other => panic!("not a search: {other:?}"),
        }
    }

    /// A page of the footer's kind: its items are not read (none can be made outside the
    /// SDK), only counted.
    fn page(total: u64, next: bool, previous: bool) -> KeyPairPage {
        KeyPairPage {
            items: Vec::new(),
            total,
            has_next_page: next,
            has_previous_page: previous,
            start_cursor: Some(Cursor::new("START")),
            end_cursor: Some(Cursor::new("END")),
        }
    }

    #[test]
    fn the_footer_says_how_to_go_on() {
        let offset = footer(2, &page(5, true, false), &args(&["--offset", "1"]));
        assert_eq!(
            offset,
            "2 of 5 keypairs; next page: --offset 3, or --first 2 --after END"
        );
        let ordered = footer(
            2,
            &page(5, true, false),
            &args(&["--order-by", "access_key"]),
        );
        assert_eq!(ordered, "2 of 5 keypairs; next page: --offset 2");
        let last = footer(2, &page(5, false, true), &args(&["--offset", "3"]));
        assert_eq!(last, "2 of 5 keypairs");
        let forward = footer(2, &page(5, true, false), &args(&["--first", "2"]));
        assert_eq!(forward, "2 of 5 keypairs; next page: --first 2 --after END");
        let backward = footer(2, &page(5, false, true), &args(&["--last", "2"]));
        assert_eq!(
            backward,
            "2 of 5 keypairs; page before: --last 2 --before START"
        );
        let done = footer(1, &page(5, false, false), &args(&["--first", "2"]));
        assert_eq!(done, "1 of 5 keypairs");
    }

    #[test]
    fn every_condition_is_kept() {
        let searched = args(&[
            "--is-active",
            "true",
            "--is-admin",
            "false",
            "--is-default",
            "true",
            "--access-key-contains",
            "akia",
            "--resource-policy",
            "default",
        ]);
        let built = filter(&searched, KeyPairFilter::new());
        let expected = KeyPairFilter::new()
            .is_active(true)
            .is_admin(false)
            .is_default(true)
            .access_key(TextMatch::contains("akia").ignore_case())
            .resource_policy(TextMatch::equals("default"));
        assert_eq!(built, expected);
        assert!(filter(&args(&[]), KeyPairFilter::new()).is_empty());
    }
}
