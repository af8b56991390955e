-- Cross-province questions over the vnplan tables, for DuckDB (or any SQL engine reading Parquet).
-- Each query is named by a "-- name:" line; tests/test_queries.py runs every one on the seed corpus.
--
-- In a notebook, after `make extract`:
--     from pathlib import Path
--     from outputs.queries import connect, named_queries
--     con = connect(Path("outputs/parquet"))       # one view per table: documents, targets, comparison, ...
--     con.sql(named_queries()["deadlines_q2_2026_by_agency"]).df()
-- Column meanings: docs/tables.md. Values are DECIMAL, vocabularies VARCHAR, dates DATE: no casts needed.

-- name: women_leaders_below_national
-- Which provinces set a women-leaders target (lãnh đạo chủ chốt là nữ) less ambitious than the national one?
SELECT province, admin_level, period_end, target_year, comparator, value, national_comparator, national_value, snippet
FROM comparison
WHERE indicator_key = 'women_key_leaders' AND vs_national = 'less'
ORDER BY province, admin_level, target_year;

-- name: deadlines_q2_2026_by_agency
-- Every deadline falling within Q2 2026 (1 April – 30 June), by the agency that leads the task.
SELECT a.agency_key, a.agency, d.doc_id, d.subject_ref AS task_id, d.kind, d.start_date, d.end_date, d.snippet
FROM deadlines AS d
LEFT JOIN assignments AS a
    ON a.doc_id = d.doc_id AND a.task_id = d.subject_ref AND a.role = 'lead'
WHERE d.start_date >= DATE '2026-04-01' AND coalesce(d.end_date, d.start_date) <= DATE '2026-06-30'
ORDER BY a.agency_key NULLS LAST, d.start_date, d.subject_ref;

-- name: targets_by_indicator_and_province
-- Each plan's numeric targets side by side: one row per indicator and document.
SELECT t.indicator_key, doc.province, doc.admin_level, doc.district, doc.period_end,
       t.comparator, t.value, t.unit, t.target_year, t.snippet
FROM targets AS t
JOIN documents AS doc USING (doc_id)
WHERE t.indicator_key IS NOT NULL AND t.value IS NOT NULL
ORDER BY t.indicator_key, doc.province, doc.admin_level, t.target_year;

-- name: indicators_other_plans_set_but_this_one_does_not
-- For each plan, the indicators that some other plan sets a numeric target for and this one does not.
WITH set_by AS (
    SELECT DISTINCT doc_id, indicator_key FROM targets WHERE indicator_key IS NOT NULL AND value IS NOT NULL
)
SELECT doc.province, doc.district, doc.admin_level, doc.doc_id, i.indicator_key
FROM documents AS doc
CROSS JOIN (SELECT DISTINCT indicator_key FROM set_by) AS i
WHERE doc.status <> 'failed'
  AND NOT EXISTS (SELECT 1 FROM set_by AS s WHERE s.doc_id = doc.doc_id AND s.indicator_key = i.indicator_key)
ORDER BY doc.province, doc.district NULLS FIRST, doc.doc_id, i.indicator_key;

-- name: lead_agencies_by_task_count
-- Which agencies carry the most tasks as lead, across all plans?
SELECT agency_key, count(DISTINCT doc_id || '/' || task_id) AS tasks, count(DISTINCT doc_id) AS documents
FROM assignments
WHERE role = 'lead' AND task_id IS NOT NULL
GROUP BY agency_key
ORDER BY tasks DESC, agency_key NULLS LAST;

-- name: documents_to_check_for_repairs
-- Documents whose text needed repairs, with how many a reviewer should check (low confidence).
SELECT doc.province, doc.district, doc.path, count(r.start) AS repairs,
       count(r.start) FILTER (WHERE r.low_confidence) AS low_confidence_repairs
FROM documents AS doc
LEFT JOIN repairs AS r USING (doc_id)
GROUP BY ALL
HAVING count(r.start) > 0
ORDER BY low_confidence_repairs DESC, repairs DESC, doc.path;
