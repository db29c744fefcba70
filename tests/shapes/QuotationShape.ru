# Quotations without a speaker, and one whose speaker is a place (neither a person, an organisation nor a report).
PREFIX kg: <https://w3id.org/policing-kg/def#>
PREFIX kgr: <https://w3id.org/policing-kg/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
DELETE { ?q kg:speaker ?s } WHERE { ?q kg:speaker ?s } ;
INSERT { ?q kg:speaker ?p }
WHERE { { SELECT ?q WHERE { ?q a kg:Quotation } ORDER BY ?q LIMIT 1 } { SELECT ?p WHERE { ?p a kg:Place } ORDER BY ?p LIMIT 1 } }
