-- Tickets per quarter (period_key '2021-Q3'), customer organisation and IT service.
{{ ticket_rollup('quarter_key', ['year', 'quarter']) }}
