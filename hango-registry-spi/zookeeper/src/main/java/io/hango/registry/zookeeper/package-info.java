/**
 * The {@code zookeeper} registry type: services registered in ZooKeeper by Dubbo
 * ({@code /dubbo/<interface>/providers/<url>}) or by Curator's service discovery, which Dubbo 3
 * and Spring Cloud Zookeeper use ({@code /services/<name>/<id>}). Put this jar on the class path
 * and write {@code Registry} documents with {@code spec.type: zookeeper}; see
 * {@link io.hango.registry.zookeeper.ZookeeperRegistryProvider}.
 */
package io.hango.registry.zookeeper;
