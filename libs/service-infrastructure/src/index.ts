// The infrastructure every app's root module imports. A lib of its own because it joins
// platform, kafka and database, and those two import platform.
export {
  serviceInfrastructure,
  type ServiceConnectionsConfig,
  type ServiceDatabaseOptions,
  type ServiceInfrastructureOptions,
} from './service-infrastructure';
