# A second person holding a single-holder post at the same time as its dated holder.
PREFIX kg: <https://w3id.org/policing-kg/def#>
PREFIX kgr: <https://w3id.org/policing-kg/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
INSERT {
  kgr:test-overlap a kg:PostHolding ; org:member ?other ; kg:post ?post ; org:memberDuring kgr:test-overlap-interval .
  kgr:test-overlap-interval a kg:Interval ; kg:startDate "1900"^^xsd:gYear ; kg:endDate "2100"^^xsd:gYear .
} WHERE {
  { SELECT ?post ?p WHERE { ?h kg:post ?post ; org:member ?p ; org:memberDuring/kg:startDate ?d . ?post kg:singleHolder true } ORDER BY ?post LIMIT 1 }
  { SELECT ?other WHERE { ?other a kg:Person } ORDER BY DESC(?other) LIMIT 2 }
  FILTER (?other != ?p)
}
