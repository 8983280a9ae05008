//! `admin keypair list`: one page, or with `--all` every page from `--offset` on.

use backendai_fields::render::list_json;
use backendai_fields::{keypair, FieldSpec};
use backendai_keypair::{Client, KeyPair, KeyPairClient, PaginatedList};
use futures::TryStreamExt;

use super::layout::Listing;
use crate::args::{ListArgs, OutputMode};
use crate::failure::Failure;
use crate::output::{note, Output, JSON_STYLE};
use crate::progress::Progress;

/// Lists keypairs with the Python CLI's `list` fields, or the `--fields` chosen.
pub async fn run(client: &KeyPairClient, args: ListArgs, out: &Output) -> Result<(), Failure> {
    let fields: Vec<FieldSpec> = match &args.fields {
        Some(chosen) => chosen.0.clone(),
        None => keypair::cli_list_fields().to_vec(),
    };
    let request = request(client, &args, &fields);
    if args.all {
        all_pages(request, &fields, out).await
    } else {
        one_page(request, &args, &fields, out).await
    }
}

fn request(client: &KeyPairClient, args: &ListArgs, fields: &[FieldSpec]) -> PaginatedList<Client> {
    let mut request = client
        .paginated_list()
        .fields(fields)
        .page_offset(u64::from(args.offset))
        .page_size(args.limit);
    if let Some(user_id) = &args.user_id {
        request = request.user_id(user_id);
    }
    if let Some(is_active) = args.is_active {
        request = request.is_active(is_active);
    }
    if let Some(filter) = &args.filter {
        request = request.filter(filter);
    }
    if let Some(order) = &args.order {
        request = request.order(order);
    }
    request
}

async fn one_page(
    request: PaginatedList<Client>,
    args: &ListArgs,
    fields: &[FieldSpec],
    out: &Output,
) -> Result<(), Failure> {
    let page = request.send().await.map_err(Failure::Call)?;
    let total = page.total_count;
    let items = page.items;
    match out.mode() {
        OutputMode::Json => out.text(&list_json(&items, fields, total, JSON_STYLE))?,
        OutputMode::Console if items.is_empty() => note("No matching keypairs."),
        OutputMode::Console => {
            let mut listing = Listing::new(fields, out.table_options());
            let mut lines: Vec<String> = items.iter().flat_map(|item| listing.push(item)).collect();
            lines.extend(listing.finish());
            out.lines(&lines)?;
            let shown = u64::from(args.offset) + items.len() as u64;
            if shown < total && out.stdout_is_terminal() {
                note(&format!(
                    "Showing {} to {shown} of {total} keypairs; --offset {shown} shows the next page, --all every page.",
                    u64::from(args.offset) + 1,
                ));
            }
        }
    }
    Ok(())
}

/// Walks every page. The console table streams in a layout fixed by its first rows; JSON
/// is written once, with every item. Progress goes to stderr when a person watches stdout
/// and there is more than one page.
async fn all_pages(
    request: PaginatedList<Client>,
    fields: &[FieldSpec],
    out: &Output,
) -> Result<(), Failure> {
    let mut pages = std::pin::pin!(request.pages());
    let mut table = Listing::new(fields, out.table_options());
    let mut collected: Vec<KeyPair> = Vec::new();
    let mut total = 0;
    let mut progress: Option<Progress> = None;
    while let Some(page) = pages.try_next().await.map_err(Failure::Call)? {
        total = page.total_count;
        let offset = page.page_offset;
        let progress = progress.get_or_insert_with(|| {
            let several = offset + (page.items.len() as u64) < page.total_count;
            Progress::new(out.stdout_is_terminal() && several)
        });
        progress.page(page.items.len(), page.total_count);
        let items = page.items;
        match out.mode() {
            OutputMode::Json => collected.extend(items),
            OutputMode::Console => {
                let lines: Vec<String> = items.iter().flat_map(|item| table.push(item)).collect();
                if !lines.is_empty() {
                    progress.clear();
                    out.lines(&lines)?;
                }
            }
        }
    }
    if let Some(progress) = progress.as_mut() {
        progress.clear();
    }
    match out.mode() {
        OutputMode::Json => out.text(&list_json(&collected, fields, total, JSON_STYLE))?,
        OutputMode::Console => {
            let rest = table.finish();
            if progress.map_or(true, |p| p.items() == 0) {
                note("No matching keypairs.");
            }
            out.lines(&rest)?;
        }
    }
    Ok(())
}
