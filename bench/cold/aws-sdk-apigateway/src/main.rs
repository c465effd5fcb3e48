fn main() {
    println!("{}", std::any::type_name::<aws_sdk_apigateway::Client>());
}
