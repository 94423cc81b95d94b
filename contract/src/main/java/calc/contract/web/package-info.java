/**
 * The contract's REST error bodies for Spring MVC services on embedded Tomcat, shared by
 * request-producer and result-aggregator through {@link calc.contract.web.ContractWebErrors}.
 * Spring MVC and Tomcat are optional dependencies of the contract module: a service that imports
 * this package brings them itself, and every other user of the contract never loads it.
 */
package calc.contract.web;
