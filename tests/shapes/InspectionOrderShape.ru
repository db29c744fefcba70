# Two inspections each the other's previous one.
PREFIX kg: <https://w3id.org/policing-kg/def#>
PREFIX kgr: <https://w3id.org/policing-kg/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
INSERT DATA { kgr:peel-effectiveness-earlier-bedfordshire kg:previousInspection kgr:peel-2016-effectiveness-bedfordshire }
