# A formal grade whose only evidence is an adjective ("the force's inadequate effectiveness"), not a grade.
PREFIX kg: <https://w3id.org/policing-kg/def#>
PREFIX kgr: <https://w3id.org/policing-kg/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
DELETE { ?sel oa:exact ?e } INSERT { ?sel oa:exact "concerns over the force’s inadequate effectiveness at protecting victims" } WHERE { kgr:assessment-2016-overall-effectiveness kg:evidence/oa:hasTarget/oa:hasSelector ?sel . ?sel oa:exact ?e }
