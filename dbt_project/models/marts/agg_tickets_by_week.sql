-- Tickets per ISO week (period_key '2021-W05'), customer organisation and IT service.
{{ ticket_rollup('week_key', ['iso_year', 'iso_week']) }}
