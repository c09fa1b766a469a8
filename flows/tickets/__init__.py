"""Helpdesk ticket exports (TOPdesk, ServiceNow, Zendesk, Jira SM, canonical, YAML-mapped, inferred) into raw.tickets.

Generated sample exports live with the other sample data: flows.samples.tickets."""
from flows.tickets.load import FileLoadResult, TicketLoadResult, load_ticket_exports

__all__ = ["FileLoadResult", "TicketLoadResult", "load_ticket_exports"]
